/** @odoo-module **/
import { registry } from "@web/core/registry";

// A manager opens the Client Health dashboard in the Dashboards app, narrows
// it with the Relationship Type filter, and follows a chart to its records.
registry.category("web_tour.tours").add("relationship_dashboard_tour", {
    url: "/odoo/dashboards",
    steps: () => [
        {
            content: "The Relationships group lists the Client Health dashboard",
            trigger: ".o_search_panel_category_value .o_dashboard_name:contains(Client Health)",
            run: "click",
        },
        {
            content: "It is open, figures and charts drawn",
            trigger:
                ".o_search_panel_category_value.active:contains(Client Health), .o_search_panel_category_value:has(.active):contains(Client Health)",
        },
        {
            trigger: ".o_spreadsheet_dashboard_action .o-figure canvas",
        },
        {
            content: "The Account Owner filter starts on every owner for a manager",
            trigger: ".o-filter-value[title='Account Owner']:not(:has(.o_tag))",
        },
        {
            content: "The Relationship Type filter offers the client's types, by their label",
            trigger:
                ".o-filter-value[title='Relationship Type'] select:has(option[value=long_term]:contains(Long-term))",
            run: "select long_term",
        },
        {
            content: "The figures follow the filter",
            trigger: ".o-filter-value[title='Relationship Type'] select:value(long_term)",
        },
        {
            content: "A chart opens the records it counts",
            trigger: ".o_spreadsheet_dashboard_action .o-figure[role=button]",
            run: "click",
        },
        {
            content: "The weekly trend leads to the health history",
            trigger: ".o_breadcrumb:contains(Health History)",
        },
    ],
});

// A salesperson opens the same dashboard: it starts on their own clients.
registry.category("web_tour.tours").add("relationship_dashboard_salesperson_tour", {
    url: "/odoo/dashboards",
    steps: () => [
        {
            trigger: ".o_search_panel_category_value .o_dashboard_name:contains(Client Health)",
            run: "click",
        },
        {
            trigger: ".o_spreadsheet_dashboard_action .o-figure canvas",
        },
        {
            content: "The Account Owner filter holds the salesperson",
            trigger: ".o-filter-value[title='Account Owner'] .o_tag:contains(Tour Seller)",
        },
    ],
});
