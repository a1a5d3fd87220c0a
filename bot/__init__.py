"""Casebot's edges: the command line, the Slack app (:mod:`bot.slack`) and the composition root."""
