/** @odoo-module **/
// A salesperson opens a client, moves it to Expansion, logs a strategic
// interaction from the Relationship page and finds it in the list.
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("relationship_health_tour", {
    steps: () => [
        {
            content: "Open the Relationship page of the client",
            trigger: ".o_form_view .o_notebook a.nav-link:contains(Relationship)",
            run: "click",
        },
        {
            content: "The client starts in Exploration",
            trigger:
                ".o_field_widget[name=relationship_stage] button.o_arrow_button_current[data-value=exploration]",
        },
        {
            content: "Move the client to Expansion",
            trigger:
                ".o_field_widget[name=relationship_stage] button[data-value=expansion]",
            run: "click",
        },
        {
            content: "The stage is saved and the history shows the new period",
            trigger:
                ".o_field_widget[name=relationship_stage_timeline] .badge:contains(Expansion)",
        },
        {
            content: "Log an interaction",
            trigger: "button[name=action_relationship_log_interaction]",
            run: "click",
        },
        {
            content: "Give it a subject",
            trigger: ".modal .o_field_widget[name=name] input",
            run: "edit Tour strategy talk",
        },
        {
            content: "It was a strategic conversation",
            trigger: ".modal .o_field_widget[name=depth] input[data-value=strategic]",
            run: "click",
        },
        {
            content: "Save the interaction",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            // With Sales and Invoicing installed, the form has more smart
            // buttons than fit: ours may be under "More".
            content: "The dialog closes; open More when our counter is under it",
            trigger: "body:not(:has(.modal)) .o-form-buttonbox",
            run() {
                const more = document.querySelector(".o-form-buttonbox .o_button_more");
                if (more && !document.querySelector("button[name=action_relationship_interactions]")) {
                    more.click();
                }
            },
        },
        {
            content: "The counter shows it",
            trigger: "button[name=action_relationship_interactions] .o_stat_value:contains(1)",
        },
        {
            content: "Open the client's interactions",
            trigger: "button[name=action_relationship_interactions]",
            run: "click",
        },
        {
            content: "The new interaction is in the list, strategic",
            trigger:
                ".o_list_view .o_data_row:contains(Tour strategy talk):contains(Strategic)",
        },
    ],
});

// A manager finds a client at risk on the health dashboard and reads why.
registry.category("web_tour.tours").add("relationship_health_risk_tour", {
    steps: () => [
        {
            content: "The dashboard opens on its graph: switch to the list",
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            content: "The list is shown (the search panel belongs to it now)",
            trigger: ".o_list_view .o_data_row",
        },
        {
            content: "Only the clients at risk",
            trigger: ".o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: "Filter: At Risk",
            trigger: ".o_filter_menu .o_menu_item:contains(At Risk)",
            run: "click",
        },
        {
            content: "The client is in the list, at risk, worst first",
            trigger:
                ".o_list_view .o_data_row:contains(Risky Client S.L.):contains(At risk) td[name=partner_id]",
            run: "click",
        },
        {
            content: "Its health explains the score",
            trigger:
                ".o_form_view .o_health_breakdown tr:contains(Conversation depth):contains(0% of the 3 interactions)",
        },
        {
            content: "Open the client",
            trigger: "button[name=action_open_client]",
            run: "click",
        },
        {
            content: "Open the Relationship page",
            trigger: ".o_form_view .o_notebook a.nav-link:contains(Relationship)",
            run: "click",
        },
        {
            content: "The client is at risk",
            trigger: ".o_field_widget[name=health_band]:contains(At risk)",
        },
        {
            content: "The breakdown says conversations stayed operational",
            trigger:
                ".o_health_breakdown tr:contains(Conversation depth):contains(0% of the 3 interactions)",
        },
        {
            content: "...and when the last contact was",
            trigger: ".o_health_breakdown tr:contains(Contact recency):contains(Last contact 75 days ago)",
        },
        {
            content: "The history graph is drawn",
            trigger: ".o_health_sparkline svg polyline",
        },
        {
            content: "Recompute on demand",
            trigger: "button[name=action_health_recompute]",
            run: "click",
        },
        {
            content: "Still at risk after recomputing",
            trigger: ".o_field_widget[name=health_band]:contains(At risk)",
        },
    ],
});
