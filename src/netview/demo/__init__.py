"""The demo network: an invented professional network, written as LinkedIn exports.

generator.py invents the people, companies, messages and invitations from vocab.py (the
words, kept as data files in data/) and writer.py writes them in LinkedIn's export formats;
evidence.py invents your own calendar, mailbox and address book around your export.
Nothing here touches a database: netview.services.importing.demo imports the archives like
any other.
"""

from netview.demo.generator import (
    DEMO_AS_OF,
    generate_archives,
    generate_demo_files,
    generate_exports,
    plan,
)

__all__ = ["DEMO_AS_OF", "generate_archives", "generate_demo_files", "generate_exports", "plan"]
