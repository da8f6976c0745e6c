"""Readers: each turns one helpdesk's export into an imports.records.Export, parsing only."""
