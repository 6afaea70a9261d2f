"""Operasi lintas domain: what one user action does in two domains at once, as one function above both.

A domain package never imports another; when an action must change two of them together (a complaint moved
to WBS), the operation lives here and runs in the caller's one unit of work, so either both changes stand or
neither does.
"""
