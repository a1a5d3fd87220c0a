"""Referrals in Slack: the form, the preview, approval, the partner's buttons, status and the
delivery of a package to a partner's channel."""
