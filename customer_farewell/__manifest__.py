# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Customer Farewell",
    "summary": "Decide with evidence when to let a client go, and leave the door "
    "open after they leave",
    "version": "18.0.1.4.0",
    "category": "Sales/CRM",
    "website": "https://github.com/relationship-care/relationship-care",
    "author": "Relationship Care Contributors",
    "license": "AGPL-3",
    "application": False,
    "installable": True,
    "depends": ["relationship_health"],
    "data": [
        "security/customer_farewell_security.xml",
        "security/ir.model.access.csv",
        "data/customer_farewell_data.xml",
        "data/spreadsheet_dashboard_data.xml",
        "views/farewell_assessment_views.xml",
        "views/farewell_departure_views.xml",
        "views/res_partner_views.xml",
        "views/crm_lead_views.xml",
        "views/res_config_settings_views.xml",
        "views/customer_farewell_menus.xml",
    ],
    "demo": [
        "demo/customer_farewell_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "customer_farewell/static/tests/tours/*.js",
        ],
    },
}
