# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Relationship Health",
    "summary": "Lifecycle stages, an interaction log that knows operational "
    "talk from strategic talk, an explainable health score and care routines",
    "version": "18.0.2.2.0",
    "category": "Sales/CRM",
    "website": "https://github.com/relationship-care/relationship-care",
    "author": "Relationship Care Contributors",
    "license": "AGPL-3",
    "application": False,
    "installable": True,
    "depends": ["crm", "calendar", "contacts", "spreadsheet_dashboard"],
    "data": [
        "security/relationship_health_security.xml",
        "security/ir.model.access.csv",
        "data/mail_activity_type_data.xml",
        "data/relationship_health_data.xml",
        "data/relationship_care_data.xml",
        "data/ir_cron_data.xml",
        "data/spreadsheet_dashboard_data.xml",
        "views/relationship_interaction_views.xml",
        "views/relationship_health_scorecard_views.xml",
        "views/relationship_health_views.xml",
        "views/relationship_stage_history_views.xml",
        "views/relationship_cadence_rule_views.xml",
        "views/relationship_care_reminder_views.xml",
        "views/relationship_problem_target_views.xml",
        "views/relationship_problem_views.xml",
        "views/relationship_gesture_views.xml",
        "views/relationship_gesture_log_views.xml",
        "views/relationship_revitalization_plan_views.xml",
        "views/res_partner_views.xml",
        "views/res_partner_balance_views.xml",
        "views/crm_lead_views.xml",
        "views/mail_activity_type_views.xml",
        "views/calendar_event_views.xml",
        "views/relationship_health_menus.xml",
    ],
    "demo": [
        "demo/relationship_health_demo.xml",
        "demo/relationship_care_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "relationship_health/static/src/components/**/*",
        ],
        "web.assets_tests": [
            "relationship_health/static/tests/tours/*.js",
        ],
    },
    "post_init_hook": "post_init_hook",
}
