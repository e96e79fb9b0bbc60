"""The job description review: the view and its five panes (draft, criteria, wording, signs, duties).

The panes are parts of this activity, not general widgets: they act on the review's data
through the view that holds it."""

from workshop.tui.activities.job_description.view import VIEW, JobDescriptionView  # noqa: F401
