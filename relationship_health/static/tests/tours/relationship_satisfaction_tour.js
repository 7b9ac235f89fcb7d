/** @odoo-module **/
// The client's own voice: the client's person opens the rating page from
// the email (the "not satisfied" face), says why and sends it, without
// logging in; then the account owner opens the client and finds the
// problem their answer opened, quoting the comment.
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("relationship_satisfaction_answer_tour", {
    steps: () => [
        {
            content: "The face picked in the email is selected",
            trigger: "input[name=rate][value='1']:checked",
        },
        {
            content: "Say why",
            trigger: "textarea[name=feedback]",
            run: "edit Tour: nobody answers the phone after five",
        },
        {
            content: "Send the answer",
            trigger: "button[type=submit]",
            run: "click",
        },
        {
            content: "Thanked for the feedback",
            trigger: ".o_rating_page_thank_you",
        },
    ],
});

registry.category("web_tour.tours").add("relationship_satisfaction_owner_tour", {
    steps: () => [
        {
            content: "More smart buttons",
            trigger: ".o_form_view .o_button_more",
            run: "click",
        },
        {
            content: "Open the client's problems",
            trigger: ".o_dropdown_more button[name=action_relationship_problems]",
            run: "click",
        },
        {
            content: "The problem opened by the unhappy answer",
            trigger: ".o_data_row td[name=name]:contains(nobody answers the phone after five)",
            run: "click",
        },
        {
            content: "It quotes the comment",
            trigger: ".o_breadcrumb .active:contains(nobody answers the phone after five)",
        },
        {
            content: "The owner is the account owner",
            trigger: ".o_form_view .o_field_widget[name=owner_id]:contains(Mitchell Admin)",
        },
    ],
});
