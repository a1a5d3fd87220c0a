"""Casebot's edges: the command line and (later) the Slack app."""
