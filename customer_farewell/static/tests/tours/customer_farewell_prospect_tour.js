/** @odoo-module **/
// A lost opportunity keeps the door open: the salesperson marks it lost,
// asks to keep the door open, and lands on the prospect's "see you later"
// protocol.
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("customer_farewell_prospect_tour", {
    steps: () => [
        {
            content: "Mark the opportunity as lost",
            trigger: ".o_statusbar_buttons button[data-hotkey=l]",
            run: "click",
        },
        {
            content: "Keep the door open to the prospect",
            trigger: ".modal .o_field_widget[name=farewell_open_door] input",
            run: "click",
        },
        {
            content: "Confirm the loss",
            trigger: ".modal button[name=action_lost_reason_apply]",
            run: "click",
        },
        {
            content: "The prospect's open door",
            trigger: ".o_form_view .o_field_widget[name=name]:contains(Tour Prospect)",
        },
        {
            content: "A prospect, not a client",
            trigger: ".o_form_view div[name=departure_prospect_note]",
        },
        {
            content: "Open the protocol",
            trigger: "a.nav-link:contains(Open-door Protocol)",
            run: "click",
        },
        {
            content: "Its contacts for prospects are planned",
            trigger: ".o_field_widget[name=step_ids] td:contains(contact the prospect at 3 months)",
        },
    ],
});
