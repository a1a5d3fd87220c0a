"""Scheduled sources in Slack: ``/casebot sources`` and the operations channel's notices."""
