"""Organisation templates (docs/TEMPLATES.md): reading and checking a TOML template
(`organisation`, with line numbers from `lines`) and applying its extras to the content the
app shows (`customise`)."""

from workshop.template.organisation import *  # noqa: F401,F403 - the public names, as `workshop.template`
