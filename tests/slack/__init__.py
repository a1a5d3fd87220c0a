"""A reusable Slack test harness: Slack's side of every conversation, on 127.0.0.1.

- `payloads` builds the bodies Slack sends (events, slash commands, block actions).
- `signing` wraps them into signed HTTP requests and posts them to a running app.
- `fake_web_api` is a recording fake of the Slack Web API (https://slack.com/api/...).
- `fake_socket_mode` is a fake Socket Mode WebSocket endpoint: it pushes envelopes and records
  acks.
- `conftest` exposes them as the `fake_slack`, `fake_socket`, `signing_secret` and `slack_env`
  fixtures.
"""
