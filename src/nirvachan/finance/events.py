"""Audit event types of the finance app (declared once; see nirvachan.core.events)."""
