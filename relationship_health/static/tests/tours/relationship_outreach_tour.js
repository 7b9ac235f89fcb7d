/** @odoo-module **/
// The account owner tells a client what we did for them: from the
// Relationship page, chooses the period, reviews the email drafted from our
// records in the composer, and sends it.
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("relationship_review_tour", {
    steps: () => [
        {
            content: "Open the Relationship page of the client",
            trigger: ".o_form_view .o_notebook a.nav-link:contains(Relationship)",
            run: "click",
        },
        {
            content: "What we did for you",
            trigger: "button[name=action_relationship_review]",
            run: "click",
        },
        {
            content: "The period defaults to the last quarter: draft the email",
            trigger: ".modal button[name=action_draft_email]",
            run: "click",
        },
        {
            content: "The email is drafted from our records, for the owner to review",
            trigger:
                ".modal .o_field_widget[name=body]:contains(Problems solved):contains(Tour: a late delivery)",
        },
        {
            content: "Send it",
            trigger: ".modal button.o_mail_send:visible",
            run: "click",
        },
        {
            content: "Sent: the composer is closed, back on the client",
            trigger: "body:not(:has(.modal)) .o_form_view button[name=action_relationship_review]",
        },
    ],
});
