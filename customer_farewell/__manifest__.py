# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Customer Farewell",
    "summary": "Decide with evidence when to let a client go, and leave the door "
    "open after they leave",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/relationship-care/relationship-care",
    "author": "Relationship Care Contributors",
    "license": "AGPL-3",
    "application": False,
    "installable": True,
    "depends": ["relationship_health"],
    "data": [
        "security/customer_farewell_security.xml",
    ],
}
