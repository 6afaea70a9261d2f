"""The Telegram intake: python-telegram-bot (v22) in a process of its own (`flask bot run` / `flask bot webhook`),
calling the same domain services as the website; each update is one unit of work (core.uow)."""
