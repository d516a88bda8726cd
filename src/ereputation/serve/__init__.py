"""The web face of ereputation (`ereputation serve`): Flask pages over the same library as the CLI.

`app.create_app` builds the application; `context` gives views the settings, the cases'
workspace and the history; `security` guards every request; `i18n` picks the language.
"""
