"""Slack's side of a conversation, on 127.0.0.1, for tests and benchmarks of Casebot's Slack edge.

Shipped with the package (as httpx ships `MockTransport`) so that the test suite and the
benchmarks share one fake instead of the benchmarks importing the tests:

- `payloads` builds the bodies Slack sends (events, slash commands, block actions) and holds the
  fixed test identities and tokens;
- `signing` wraps them into signed HTTP requests and posts them to a running app;
- `fake_slack` is a recording fake of the Slack Web API (https://slack.com/api/...);
- `environment` names the environment variables that carry Casebot's settings, so a test or a
  benchmark can start `casebot` without the developer's own settings leaking in.

Nothing here imports pytest.
"""
