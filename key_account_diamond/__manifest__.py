# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Key Account Diamond",
    "summary": "Stakeholder maps on both sides: tell a fragile bow-tie "
    "relationship from a multi-threaded diamond",
    "version": "18.0.2.4.0",
    "category": "Sales/CRM",
    "website": "https://github.com/relationship-care/relationship-care",
    "author": "Relationship Care Contributors",
    "license": "AGPL-3",
    "application": False,
    "installable": True,
    "depends": ["relationship_health", "web_hierarchy"],
    "data": [
        "security/key_account_diamond_security.xml",
        "security/ir.model.access.csv",
        "data/key_account_diamond_data.xml",
        "data/spreadsheet_dashboard_data.xml",
        "views/key_account_thread_views.xml",
        "views/key_account_shape_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/key_account_diamond_menus.xml",
    ],
    "demo": [
        "demo/key_account_diamond_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "key_account_diamond/static/src/components/**/*",
        ],
        "web.assets_tests": [
            "key_account_diamond/static/tests/tours/*.js",
        ],
    },
    "post_init_hook": "post_init_hook",
}
