"""Clients of the upstream sources (one module each) and the HTTP transport they share."""
