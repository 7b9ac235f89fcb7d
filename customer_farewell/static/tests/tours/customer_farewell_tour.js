/** @odoo-module **/
// An assessment from draft to a manager's decision: evidence, checklist,
// decision to let the client go.
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("customer_farewell_tour", {
    steps: () => [
        {
            content: "Gather the evidence",
            trigger: "button[name=action_review]",
            run: "click",
        },
        {
            content: "Evidence is frozen",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Evidence Review)",
        },
        {
            content: "Open the verification checklist",
            trigger: "a.nav-link:contains(Verification)",
            run: "click",
        },
        ...[
            "check_facts_verified",
            "check_not_our_fault",
            "check_client_heard",
            "check_alternatives",
        ].map((name) => ({
            content: `Check ${name}`,
            trigger: `.o_field_widget[name=${name}] input`,
            run: "click",
        })),
        {
            content: "Ask a manager to decide",
            trigger: "button[name=action_submit]",
            run: "click",
        },
        {
            content: "Awaiting the decision",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Manager Decision)",
        },
        {
            content: "Let the client go",
            trigger: "button[name=action_let_go]",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "The assessment is closed",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Closed)",
        },
        {
            content: "with the decision",
            trigger: ".o_field_widget[name=decision]:contains(Let the client go)",
        },
    ],
});
