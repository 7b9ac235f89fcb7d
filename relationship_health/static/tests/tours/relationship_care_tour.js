/** @odoo-module **/
// A salesperson records a client's complaint from the Relationship page,
// answers it, investigates and resolves it, then thanks the client with a
// gesture for their patience.
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("relationship_care_problem_tour", {
    steps: () => [
        {
            content: "Open the Relationship page of the client",
            trigger: ".o_form_view .o_notebook a.nav-link:contains(Relationship)",
            run: "click",
        },
        {
            content: "Report a problem",
            trigger: "button[name=action_relationship_report_problem]",
            run: "click",
        },
        {
            content: "Say what happened",
            trigger:
                ".o_form_view:has(button[name=action_respond]) .o_field_widget[name=name] input",
            run: "edit Tour: pallets delivered wet",
        },
        {
            content: "We answered the client",
            trigger: "button[name=action_respond]",
            run: "click",
        },
        {
            content: "The problem is answered",
            trigger:
                ".o_field_widget[name=state] button.o_arrow_button_current[data-value=responded]",
        },
        {
            content: "Investigate",
            trigger: ".o_form_view .o_notebook a.nav-link:contains(Investigation)",
            run: "click",
        },
        {
            content: "What went wrong",
            trigger: ".o_field_widget[name=root_cause] textarea",
            run: "edit The truck was left open in the rain",
        },
        {
            content: "The complaint was founded",
            trigger: ".o_field_widget[name=assessment] input[data-value=founded]",
            run: "click",
        },
        {
            content: "The relationship came out stronger",
            trigger: ".o_field_widget[name=outcome] input[data-value=stronger]",
            run: "click",
        },
        {
            content: "Resolve it",
            trigger: "button[name=action_resolve]",
            run: "click",
        },
        {
            content: "The problem is resolved",
            trigger:
                ".o_field_widget[name=state] button.o_arrow_button_current[data-value=resolved]",
        },
        {
            content: "Thank the client with a gesture",
            trigger: "button[name=action_record_gesture]",
            run: "click",
        },
        {
            content: "Choose the gesture",
            trigger: ".modal .o_field_widget[name=gesture_id] input",
            run: "edit A book chosen",
        },
        {
            content: "Pick it from the catalog",
            trigger: ".o-autocomplete--dropdown-item:contains(A book chosen)",
            run: "click",
        },
        {
            content: "Save the gesture",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The gesture is listed on the problem",
            trigger:
                "body:not(:has(.modal)) .o_form_view .o_notebook a.nav-link:contains(Gestures)",
            run: "click",
        },
        {
            content: "...for the problem solved",
            trigger: ".o_field_widget[name=gesture_log_ids] .o_data_row:contains(A book chosen)",
        },
    ],
});
