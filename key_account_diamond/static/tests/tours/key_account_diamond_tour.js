/** @odoo-module **/
// An owner opens a bow-tie client, reads why, and widens the account team.
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("key_account_diamond_tour", {
    steps: () => [
        {
            content: "Open the Relationship page",
            trigger: ".o_form_view .o_notebook a.nav-link:contains(Relationship)",
            run: "click",
        },
        {
            content: "The client is a bow-tie",
            trigger: ".o_field_widget[name=kad_shape]:contains(Bow-tie)",
        },
        {
            content: "...because everything goes through one pair of people",
            trigger:
                ".o_field_widget[name=kad_shape_reason]:contains(All 3 interactions in 12 months went through Mitchell Admin and Ruth Buyer)",
        },
        {
            content: "The map draws the single thread",
            trigger:
                ".o_kad_stakeholder_map:has(line.o_kad_thread) .o_kad_node_theirs:contains(Ruth Buyer)",
        },
        {
            content: "Open the account team",
            trigger: "a.nav-link:contains(Account Team)",
            run: "click",
        },
        {
            content: "Add a line",
            trigger: ".o_field_widget[name=kad_team_member_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Choose a colleague",
            trigger: ".o_field_widget[name=kad_team_member_ids] .o_field_widget[name=user_id] input",
            run: "edit Colleague",
        },
        {
            content: "Pick them",
            trigger: ".o-autocomplete--dropdown-item a:contains(Colleague Technician)",
            run: "click",
        },
        {
            content: "Their function on this account",
            trigger: ".o_field_widget[name=kad_team_member_ids] .o_field_widget[name=function_id] input",
            run: "edit Technical",
        },
        {
            content: "Pick it",
            trigger: ".o-autocomplete--dropdown-item a:contains(Technical)",
            run: "click",
        },
        {
            content: "Save the client",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved",
        },
    ],
});
