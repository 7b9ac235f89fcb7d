# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Key Account Diamond",
    "summary": "Stakeholder maps of key accounts that tell a fragile one-to-one "
    "relationship from a multi-threaded one",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/relationship-care/relationship-care",
    "author": "Relationship Care Contributors",
    "license": "AGPL-3",
    "application": False,
    "installable": True,
    "depends": ["relationship_health"],
    "data": [
        "security/key_account_diamond_security.xml",
    ],
}
