"""The officers' side: login with 2FA, queues, case pages, reports, users and the audit log."""
