"""The job description review without Textual: importing a draft (`importer`), the wording
check (`check`, with patterns made safe by `safe_pattern`), the review's criteria and data
(`review`), and the `workshop wording` command (`wording_cli`)."""
