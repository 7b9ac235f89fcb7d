#!/usr/bin/env python3
# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""`make dashboards`: write the spreadsheet files of our dashboards in Odoo's
Dashboards app (one per add-on, in the "Relationships" group) from the
descriptions below.

Odoo ships its dashboards as spreadsheet JSON files that an Odoo Enterprise
user draws by hand (spreadsheet_dashboard_sale). Odoo Community cannot edit
them, and a JSON file of formulas is hard to review, so ours are described
here: the data sources (Odoo pivots, lists and graphs on our models), the
global filters and where each figure sits. Change a dashboard here, run
`make dashboards`, commit both. tests/test_dashboards.py checks that the
files are what this script writes, that every model, field, domain and
measure they use exists, and the figures on known data.

Every text shown is English and goes through `_t()` (cells), the chart
titles and the filter labels, which Odoo exports to the add-on's .pot
(files named *_dashboard.json under data/): `make i18n` then es.po.
"""

import ast
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# ----------------------------------------------------------------------
# Global filters, the same on every dashboard of the group (same ids: the
# Python side, relationship_health/models/spreadsheet_dashboard.py, sets
# them up for the reader: owner, options in the reader's language).
# ----------------------------------------------------------------------
OWNER, TYPE, STAGE, PERIOD = (
    "relationship_owner",
    "relationship_type",
    "relationship_stage",
    "relationship_period",
)
OPTIONS_SHEET = "Filters"


def _selection(name):
    """A selection list of relationship_health (key, English label), read
    from its source: the dashboards offer exactly the values of the field."""
    source = REPO / "relationship_health/models/relationship_stage_history.py"
    for node in ast.parse(source.read_text()).body:
        if isinstance(node, ast.Assign) and node.targets[0].id == name:
            return ast.literal_eval(node.value)
    raise LookupError(name)


RELATIONSHIP_TYPES = _selection("RELATIONSHIP_TYPES")
RELATIONSHIP_STAGES = _selection("RELATIONSHIP_STAGES")


def _options_range(column, selection):
    return f"{OPTIONS_SHEET}!{column}2:{column}{len(selection) + 1}"


def global_filters(period_default=None):
    filters = [
        {
            "id": OWNER,
            "type": "relation",
            "label": "Account Owner",
            "modelName": "res.users",
            "defaultValue": [],
            "defaultValueDisplayNames": [],
            "domainOfAllowedValues": [["share", "=", False]],
        },
        {
            "id": TYPE,
            "type": "text",
            "label": "Relationship Type",
            "defaultValue": "",
            "rangeOfAllowedValues": _options_range("A", RELATIONSHIP_TYPES),
        },
        {
            "id": STAGE,
            "type": "text",
            "label": "Lifecycle Stage",
            "defaultValue": "",
            "rangeOfAllowedValues": _options_range("B", RELATIONSHIP_STAGES),
        },
    ]
    if period_default:
        filters.append(
            {
                "id": PERIOD,
                "type": "date",
                "label": "Period",
                "defaultValue": period_default,
                "rangeType": "relative",
            }
        )
    return filters


# Where each filter applies on each model: the field path (chain) and its
# type. A data source may replace one (a win-back's period is when the
# client came back).
THROUGH_CLIENT = {
    OWNER: ("owner_id", "many2one"),
    TYPE: ("partner_id.relationship_type", "selection"),
    STAGE: ("partner_id.relationship_stage", "selection"),
}
ON_RECORD = {
    OWNER: ("owner_id", "many2one"),
    TYPE: ("relationship_type", "selection"),
    STAGE: ("relationship_stage", "selection"),
}
CHAINS = {
    "relationship.health": ON_RECORD,
    "relationship.health.snapshot": {**ON_RECORD, PERIOD: ("date", "date")},
    "relationship.problem": THROUGH_CLIENT,
    "relationship.satisfaction.request": THROUGH_CLIENT,
    "key.account.shape": ON_RECORD,
    "farewell.departure": {**THROUGH_CLIENT, PERIOD: ("departure_date", "date")},
}


# Today's health and shape are those of the clients the nightly engines
# score: a client in Dissolution left, and keeps the figures it had then.
CURRENT_CLIENTS = [["relationship_stage", "!=", "dissolution"]]
BASE_DOMAINS = {
    "relationship.health": CURRENT_CLIENTS,
    "key.account.shape": CURRENT_CLIENTS,
}


def field_matching(model, filters, chains=None):
    chains = {**CHAINS[model], **(chains or {})}
    matching = {}
    for global_filter in filters:
        if global_filter["id"] not in chains:
            continue
        chain, field_type = chains[global_filter["id"]]
        matching[global_filter["id"]] = {"chain": chain, "type": field_type}
        if global_filter["type"] == "date":
            matching[global_filter["id"]]["offset"] = 0
    return matching


# ----------------------------------------------------------------------
# Layout: the dashboard sheet's columns, two blocks (A-D, F-H) around a
# gutter, and its rows.
# ----------------------------------------------------------------------
COLUMNS = [210, 190, 100, 155, 40, 240, 130, 110]
LEFT, RIGHT = 0, 5
ROW = 23
SECTION_ROW = 40
TABLE_ROW = 28
TOP_ROWS = 5  # scorecards
CHART_ROWS = 14
TABLE_LINES = 10
GAP = 10

TEAL = "#01666b"
GREY = "#434343"
STYLES = {
    "title": {"textColor": TEAL, "bold": True, "fontSize": 16},
    "header": {"textColor": GREY, "bold": True, "fontSize": 11},
    "header_right": {"textColor": GREY, "bold": True, "fontSize": 11, "align": "right"},
    "body": {"textColor": GREY, "verticalAlign": "middle"},
    "number": {"textColor": GREY, "verticalAlign": "middle", "align": "right"},
    "data_header": {"bold": True, "fillColor": "#f2f2f2"},
}
BORDERS = {
    "under_title": {"bottom": {"style": "thin", "color": "#CCCCCC"}},
}
# Scorecard backgrounds: neutral, good, watch, bad.
BLUE, GREEN, AMBER, RED = "#EFF6FF", "#F0FDF4", "#FFFBEB", "#FEF2F2"
# Series colours: good, watch, bad, neutral, done.
GOOD, WATCH, BAD, NEUTRAL, DONE = "#3FA46A", "#F2B441", "#DC6965", "#4EA7F2", "#A9A9A9"
BANDS = [
    ("healthy", "Healthy", GOOD),
    ("watch", "To Watch", WATCH),
    ("at_risk", "At Risk", BAD),
]
FACES = [
    ("top", "Satisfied", GOOD),
    ("ok", "Okay", WATCH),
    ("ko", "Dissatisfied", BAD),
]
SHAPES = [
    ("diamond", "Diamond", GOOD),
    ("developing", "Developing", WATCH),
    ("bow_tie", "Bow-tie", BAD),
]
OUTCOMES = [
    ("pending", "In Progress", NEUTRAL),
    ("recovered", "Recovered", GOOD),
    ("not_recovered", "Not Recovered", DONE),
]


def col(index):
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[index]


def x_of(column):
    return sum(COLUMNS[:column])


def width_of(first, last):
    return sum(COLUMNS[first : last + 1])


class Dashboard:
    """One spreadsheet: a visible "Dashboard" sheet, a hidden "Data" sheet
    (the scorecards' figures) and a hidden "Filters" sheet (the options of
    the type and stage filters)."""

    def __init__(self, filters):
        self.filters = filters
        self.pivots = {}
        self.lists = {}
        self.menus = {}
        self.figures = []
        self.cells = {}
        self.cell_styles = {}
        self.cell_borders = {}
        self.cell_formats = {}
        self.rows = {}
        self.row = 0
        self.data_cells = {}
        self.data_formats = {}
        self.data_row = 1
        self.data_styles = {"A1:B1": "data_header"}
        self.block_column = 3  # D: the charts' blocks, right of the figures
        self.formats = {}
        self.data_cells["A1"] = {"content": '=_t("Figure")'}
        self.data_cells["B1"] = {"content": '=_t("Value")'}

    # -- data sources ---------------------------------------------------
    def pivot(
        self,
        name,
        model,
        domain,
        rows=(),
        columns=(),
        measures=("__count",),
        chains=None,
        sort=None,
    ):
        pivot_id = str(len(self.pivots) + 1)
        self.pivots[pivot_id] = {
            "type": "ODOO",
            "id": pivot_id,
            "formulaId": pivot_id,
            "name": name,
            "model": model,
            "domain": BASE_DOMAINS.get(model, []) + domain,
            "context": {},
            "measures": [{"id": m, "fieldName": m} for m in measures],
            "rows": [_dimension(f) for f in rows],
            "columns": [_dimension(f) for f in columns],
            "sortedColumn": (
                {"groupId": [[], []], "measure": sort, "order": "desc"}
                if sort
                else None
            ),
            "fieldMatching": field_matching(model, self.filters, chains),
        }
        return pivot_id

    def list(self, name, model, domain, columns, order, chains=None):
        list_id = str(len(self.lists) + 1)
        self.lists[list_id] = {
            "id": list_id,
            "name": name,
            "model": model,
            "domain": BASE_DOMAINS.get(model, []) + domain,
            "context": {},
            "columns": list(columns),
            "orderBy": [{"name": fname, "asc": asc} for fname, asc in order],
            "fieldMatching": field_matching(model, self.filters, chains),
        }
        return list_id

    # -- the Data sheet -------------------------------------------------
    def figure(self, label, formula, number_format=None):
        """A figure computed on the Data sheet; returns its reference."""
        self.data_row += 1
        self.data_cells[f"A{self.data_row}"] = {"content": f'=_t("{label}")'}
        self.data_cells[f"B{self.data_row}"] = {"content": formula}
        if number_format:
            self.data_formats[f"B{self.data_row}"] = self._format(number_format)
        return f"Data!B{self.data_row}"

    def _format(self, number_format):
        for format_id, existing in self.formats.items():
            if existing == number_format:
                return int(format_id)
        format_id = len(self.formats) + 1
        self.formats[str(format_id)] = number_format
        return format_id

    # -- the Dashboard sheet --------------------------------------------
    def _y(self, row):
        return sum(self.rows.get(r, ROW) for r in range(row))

    def scorecards(self, cards):
        """A line of scorecards at the top: [(title, reference, background)]."""
        total = sum(COLUMNS)
        width = (total - GAP * (len(cards) - 1)) // len(cards)
        for index, (title, reference, background) in enumerate(cards):
            self.figures.append(
                {
                    "id": f"scorecard_{index + 1}",
                    "x": index * (width + GAP),
                    "y": GAP,
                    "width": width,
                    "height": TOP_ROWS * ROW - 2 * GAP,
                    "tag": "chart",
                    "data": {
                        "type": "scorecard",
                        "title": {"text": title, "bold": True, "color": GREY},
                        "keyValue": reference,
                        "background": background,
                        "baselineMode": "difference",
                        "baselineColorUp": "#00A04A",
                        "baselineColorDown": "#DC6965",
                        "humanize": False,
                    },
                }
            )
        self.row = TOP_ROWS + 1

    def _title(self, column, last, text, menu):
        cell = f"{col(column)}{self.row + 1}"
        self.cells[cell] = {"content": f"[{text}](odoo://ir_menu_xml_id/{menu})"}
        self.cell_styles[cell] = "title"
        for index in range(column, last + 1):
            self.cell_borders[f"{col(index)}{self.row + 1}"] = "under_title"

    def section(self):
        """Start a line of two blocks: a title row."""
        self.rows[self.row] = SECTION_ROW

    def chart(self, column, last, title, menu, pivot_id, dimension, series, lines):
        """A stacked bar chart of a pivot: a bar per group of ``dimension``
        (its rows, ``lines`` at most), a colour per value of its column
        dimension: ``series`` [(value, label, colour)].

        Odoo's own charts of a model (odoo_bar) colour their series in the
        order the groups come, so "at risk" could be green; this one is drawn
        from a block of the Data sheet, where each series keeps its colour.
        A pivot whose rows are in descending order (the latest weeks first)
        fills the block bottom-up: the chart reads left to right in time."""
        self._title(column, last, title, menu)
        pivot = self.pivots[pivot_id]
        [row_dimension] = pivot["rows"]
        [col_dimension] = pivot["columns"]
        reverse = row_dimension.get("order") == "desc"
        first = self.block_column
        self.block_column += len(series) + 2
        label_col = col(first)
        self.data_cells[f"{label_col}1"] = {"content": f'=_t("{dimension[1]}")'}
        for line in range(1, lines + 1):
            position = lines + 1 - line if reverse else line
            # Past the last group there is no header: an empty label, which
            # the chart leaves out.
            self.data_cells[f"{label_col}{line + 1}"] = {
                "content": f"=IFERROR(PIVOT.HEADER({pivot_id},"
                f'"#{dimension[0]}",{position}),"")'
            }
        data_sets = []
        for offset, (value, label, colour) in enumerate(series, start=1):
            series_col = col(first + offset)
            self.data_cells[f"{series_col}1"] = {"content": f'=_t("{label}")'}
            for line in range(1, lines + 1):
                position = lines + 1 - line if reverse else line
                value_formula = (
                    f'PIVOT.VALUE({pivot_id},"__count","#{dimension[0]}",'
                    f'{position},"{col_dimension["fieldName"]}","{value}")'
                )
                # A bare number (INT keeps no format): the axis then counts
                # 0, 0.2... 1 where the count's own format showed 0, 0... 1.
                self.data_cells[f"{series_col}{line + 1}"] = {
                    "content": f'=IF(ISNUMBER({value_formula}),INT({value_formula}),"")'
                }
            data_sets.append(
                {
                    "dataRange": f"Data!{series_col}1:{series_col}{lines + 1}",
                    "backgroundColor": colour,
                }
            )
        self.data_styles[f"{label_col}1:{col(first + len(series))}1"] = "data_header"
        figure_id = f"chart_{len(self.figures) + 1}"
        self.figures.append(
            {
                "id": figure_id,
                "x": x_of(column),
                "y": self._y(self.row + 1),
                "width": width_of(column, last),
                "height": CHART_ROWS * ROW,
                "tag": "chart",
                "data": {
                    "type": "bar",
                    "title": {"text": ""},
                    "background": "#FFFFFF",
                    "legendPosition": "top",
                    "dataSetsHaveTitle": True,
                    "dataSets": data_sets,
                    "labelRange": f"Data!{label_col}1:{label_col}{lines + 1}",
                    "stacked": True,
                    "aggregated": False,
                },
            }
        )
        self.menus[figure_id] = menu

    def table(self, column, title, menu, headers, lines, skip=()):
        """A titled table: ``headers`` [(text, numeric)], ``lines(i)`` the
        formulas of line i (1-based), one per header; the block's columns
        in ``skip`` (offsets) stay empty, to give a wide header room."""
        offsets = [o for o in range(len(headers) + len(skip)) if o not in skip]
        self._title(column, column + offsets[-1], title, menu)
        header_row = self.row + 2
        self.rows[header_row - 1] = TABLE_ROW
        for offset, (text, numeric) in zip(offsets, headers, strict=True):
            cell = f"{col(column + offset)}{header_row}"
            self.cells[cell] = {"content": f'=_t("{text}")'}
            self.cell_styles[cell] = "header_right" if numeric else "header"
        for line in range(1, TABLE_LINES + 1):
            row = header_row + line
            self.rows[row - 1] = TABLE_ROW
            for offset, (_text, numeric), formula in zip(
                offsets, headers, lines(line), strict=True
            ):
                cell = f"{col(column + offset)}{row}"
                self.cells[cell] = {"content": formula}
                self.cell_styles[cell] = "number" if numeric else "body"

    def next_line(self, rows):
        self.row += rows + 1

    # -- the file -------------------------------------------------------
    def _sheet(self, sheet_id, name, cells, visible, **extra):
        return {
            "id": sheet_id,
            "name": name,
            "colNumber": extra.pop("col_number", 26),
            "rowNumber": extra.pop("row_number", 100),
            "rows": extra.pop("rows", {}),
            "cols": extra.pop("cols", {}),
            "merges": [],
            "cells": dict(sorted(cells.items(), key=lambda item: _cell_key(item[0]))),
            "styles": extra.pop("styles", {}),
            "formats": extra.pop("formats", {}),
            "borders": extra.pop("borders", {}),
            "conditionalFormats": [],
            "figures": extra.pop("figures", []),
            "tables": [],
            "areGridLinesVisible": visible is False,
            "isVisible": visible,
            "headerGroups": {"ROW": [], "COL": []},
            "dataValidationRules": [],
            "comments": {},
        }

    def _options_sheet(self):
        """The values the type and stage filters offer: the keys, shown with
        their label (a text format). Relabelled in the reader's language
        when the dashboard is read."""
        cells = {
            "A1": {"content": '=_t("Relationship Type")'},
            "B1": {"content": '=_t("Lifecycle Stage")'},
        }
        formats = {}
        for column, selection in (
            ("A", RELATIONSHIP_TYPES),
            ("B", RELATIONSHIP_STAGES),
        ):
            for index, (key, label) in enumerate(selection, start=2):
                cells[f"{column}{index}"] = {"content": key}
                formats[f"{column}{index}"] = self._format(option_format(label))
        return self._sheet(OPTIONS_SHEET, OPTIONS_SHEET, cells, False, formats=formats)

    def build(self):
        style_ids = {name: index for index, name in enumerate(STYLES, start=1)}
        border_ids = {name: index for index, name in enumerate(BORDERS, start=1)}
        styles = {cell: style_ids[name] for cell, name in self.cell_styles.items()}
        styles_data = {cell: style_ids[name] for cell, name in self.data_styles.items()}
        dashboard = self._sheet(
            "dashboard",
            "Dashboard",
            self.cells,
            True,
            col_number=len(COLUMNS),
            row_number=max(self.row + 2, 40),
            rows={str(row): {"size": size} for row, size in sorted(self.rows.items())},
            cols={str(index): {"size": size} for index, size in enumerate(COLUMNS)},
            styles=dict(sorted(styles.items(), key=lambda item: _cell_key(item[0]))),
            borders={
                cell: border_ids[name]
                for cell, name in sorted(
                    self.cell_borders.items(), key=lambda item: _cell_key(item[0])
                )
            },
            figures=self.figures,
        )
        data = self._sheet(
            "data",
            "Data",
            self.data_cells,
            False,
            cols={"0": {"size": 220}, "1": {"size": 120}},
            styles=styles_data,
            formats=self.data_formats,
        )
        options = self._options_sheet()
        return {
            "version": 21,
            "sheets": [dashboard, data, options],
            "styles": {str(index): STYLES[name] for name, index in style_ids.items()},
            "formats": self.formats,
            "borders": {
                str(index): BORDERS[name] for name, index in border_ids.items()
            },
            "revisionId": "START_REVISION",
            "uniqueFigureIds": True,
            "settings": {
                "locale": {
                    "name": "English (US)",
                    "code": "en_US",
                    "thousandsSeparator": ",",
                    "decimalSeparator": ".",
                    "dateFormat": "mm/dd/yyyy",
                    "timeFormat": "hh:mm:ss",
                    "formulaArgSeparator": ",",
                    "weekStart": 7,
                }
            },
            "pivots": self.pivots,
            "pivotNextId": len(self.pivots) + 1,
            "customTableStyles": {},
            "odooVersion": 12,
            "globalFilters": self.filters,
            "lists": self.lists,
            "listNextId": len(self.lists) + 1,
            "chartOdooMenusReferences": self.menus,
        }


def _dimension(dimension):
    """A pivot dimension: a field name, or its definition."""
    return dimension if isinstance(dimension, dict) else {"fieldName": dimension}


def option_format(label):
    """A number format whose text part shows ``label`` in place of the
    cell's text: the option keeps its key as value, shows its label."""
    return '0;0;0;"{}"'.format(label.replace('"', "'"))


def _cell_key(reference):
    reference = reference.split(":")[0]
    letters = reference.rstrip("0123456789")
    return int(reference[len(letters) :]), letters


# ----------------------------------------------------------------------
# The dashboards
# ----------------------------------------------------------------------
def client_health():
    """relationship_health: how many clients are healthy, to watch or at
    risk and how it moves week by week, who is falling, which problems are
    past their target."""
    board = Dashboard(global_filters(period_default="last_three_months"))
    health = "relationship.health"
    menu = "relationship_health.menu_relationship_crm_health"
    kpis = [
        ("Clients", [], BLUE),
        ("Healthy", [["band", "=", "healthy"]], GREEN),
        ("To Watch", [["band", "=", "watch"]], AMBER),
        ("At Risk", [["band", "=", "at_risk"]], RED),
        ("Falling", [["trend", "=", "down"]], RED),
    ]
    cards = [
        (
            label,
            board.figure(
                label, f'=PIVOT.VALUE({board.pivot(label, health, domain)},"__count")'
            ),
            background,
        )
        for label, domain, background in kpis
    ]
    late = board.pivot(
        "Problems Past Target", "relationship.problem", [["is_late", "=", True]]
    )
    cards.append(
        (
            "Problems Past Target",
            board.figure("Problems Past Target", f'=PIVOT.VALUE({late},"__count")'),
            RED,
        )
    )
    # The client's own voice: the average answer to our satisfaction requests.
    voice = board.pivot(
        "Satisfaction (out of 5)",
        "relationship.satisfaction.request",
        [["state", "=", "answered"]],
        measures=("answer_rating",),
    )
    cards.append(
        (
            "Satisfaction (out of 5)",
            board.figure(
                "Satisfaction (out of 5)",
                f'=PIVOT.VALUE({voice},"answer_rating")',
                "0.0",
            ),
            GREEN,
        )
    )
    cards.append(revenue_at_risk(board, health))
    board.scorecards(cards)

    board.section()
    weeks = board.pivot(
        "Clients per Health Band, Week by Week",
        "relationship.health.snapshot",
        [["weekly", "=", True]],
        rows=[{"fieldName": "date", "granularity": "week", "order": "desc"}],
        columns=["band"],
    )
    board.chart(
        LEFT,
        3,
        "Clients per Health Band, Week by Week",
        "relationship_health.menu_relationship_crm_health_history",
        weeks,
        ("date:week", "Week"),
        BANDS,
        lines=26,
    )
    owners = board.pivot(
        "Health by Account Owner",
        health,
        [],
        rows=["owner_id"],
        columns=["band"],
        sort="__count",
    )
    board.chart(
        RIGHT,
        7,
        "Health by Account Owner",
        menu,
        owners,
        ("owner_id", "Account Owner"),
        BANDS,
        lines=10,
    )
    board.next_line(CHART_ROWS)

    # The client's own voice over time: the answers of each month by face.
    board.section()
    answers = board.pivot(
        "Satisfaction Answers, Month by Month",
        "relationship.satisfaction.request",
        [["state", "=", "answered"]],
        rows=[{"fieldName": "answer_date", "granularity": "month", "order": "desc"}],
        columns=["answer_face"],
    )
    board.chart(
        LEFT,
        7,
        "Satisfaction Answers, Month by Month",
        "relationship_health.menu_relationship_crm_satisfaction",
        answers,
        ("answer_date:month", "Month"),
        FACES,
        lines=12,
    )
    board.next_line(CHART_ROWS)

    board.section()
    falling = board.list(
        "Falling Clients",
        health,
        [["trend", "=", "down"]],
        ["partner_id", "owner_id", "score", "delta_30d"],
        [("delta_30d", True), ("score", True)],
    )
    board.table(
        LEFT,
        "Falling Clients",
        menu,
        [
            ("Client", False),
            ("Account Owner", False),
            ("Score", True),
            ("30-day Change", True),
        ],
        lambda i: [
            f'=ODOO.LIST({falling},{i},"{f}")'
            for f in ("partner_id", "owner_id", "score", "delta_30d")
        ],
    )
    by_owner = board.pivot(
        "Problems Past Target by Owner",
        "relationship.problem",
        [["is_late", "=", True]],
        rows=["owner_id"],
        sort="__count",
    )
    board.table(
        RIGHT,
        "Problems Past Target by Owner",
        "relationship_health.menu_relationship_crm_problems_late",
        [("Account Owner", False), ("Problems", True)],
        lambda i: [
            f'=PIVOT.HEADER({by_owner},"#owner_id",{i})',
            f'=PIVOT.VALUE({by_owner},"__count","#owner_id",{i})',
        ],
    )
    board.next_line(TABLE_LINES + 1)
    return board.build()


def revenue_at_risk(board, health):
    """The revenue of the last 12 months of the clients at risk, stored with
    their health by the nightly engine (empty without Invoicing: 0)."""
    label = "Revenue at Risk (12 months)"
    pivot = board.pivot(label, health, [["band", "=", "at_risk"]], measures=["revenue"])
    return (
        label,
        board.figure(label, f'=PIVOT.VALUE({pivot},"revenue")', "#,##0"),
        RED,
    )


def key_accounts():
    """key_account_diamond: the shapes of the relationships, who owns the
    fragile ones, whose key contacts left."""
    board = Dashboard(global_filters())
    shape = "key.account.shape"
    menu = "key_account_diamond.menu_key_accounts"
    kpis = [
        ("Diamonds", [["shape", "=", "diamond"]], GREEN),
        ("Developing", [["shape", "=", "developing"]], BLUE),
        ("Bow-ties", [["shape", "=", "bow_tie"]], AMBER),
        ("Key Contact Left", [["key_contact_left", "=", True]], RED),
    ]
    board.scorecards(
        [
            (
                label,
                board.figure(
                    label,
                    f'=PIVOT.VALUE({board.pivot(label, shape, domain)},"__count")',
                ),
                background,
            )
            for label, domain, background in kpis
        ]
    )
    board.section()
    by_owner = board.pivot(
        "Relationship Shapes by Account Owner",
        shape,
        [],
        rows=["owner_id"],
        columns=["shape"],
        sort="__count",
    )
    board.chart(
        LEFT,
        3,
        "Relationship Shapes by Account Owner",
        menu,
        by_owner,
        ("owner_id", "Account Owner"),
        SHAPES,
        lines=10,
    )
    by_type = board.pivot(
        "Relationship Shapes by Relationship Type",
        shape,
        [],
        rows=["relationship_type"],
        columns=["shape"],
        sort="__count",
    )
    board.chart(
        RIGHT,
        7,
        "Relationship Shapes by Relationship Type",
        menu,
        by_type,
        ("relationship_type", "Relationship Type"),
        SHAPES,
        lines=8,
    )
    board.next_line(CHART_ROWS)

    board.section()
    bow_ties = board.list(
        "Bow-tie Clients",
        shape,
        [["shape", "=", "bow_tie"]],
        ["partner_id", "owner_id", "live_threads", "concentration"],
        [("interactions_12m", False), ("concentration", False)],
    )
    board.table(
        LEFT,
        "Bow-tie Clients",
        menu,
        [
            ("Client", False),
            ("Account Owner", False),
            ("Live Threads", True),
            ("Busiest Thread (%)", True),
        ],
        lambda i: [
            f'=ODOO.LIST({bow_ties},{i},"{f}")'
            for f in ("partner_id", "owner_id", "live_threads", "concentration")
        ],
    )
    left = board.list(
        "Key Contacts Who Left",
        shape,
        [["key_contact_left", "=", True]],
        ["partner_id", "owner_id", "shape"],
        [("concentration", False)],
    )
    board.table(
        RIGHT,
        "Key Contacts Who Left",
        menu,
        [("Client", False), ("Account Owner", False), ("Shape", False)],
        lambda i: [
            f'=ODOO.LIST({left},{i},"{f}")' for f in ("partner_id", "owner_id", "shape")
        ],
    )
    board.next_line(TABLE_LINES + 1)
    return board.build()


def departures():
    """customer_farewell: who left and why, how often price was the lever,
    who came back. Departures are clients' (a prospect whose opportunity
    was lost never was one); win-backs and open doors count prospects too
    (winning a new opportunity for a prospect is a win-back)."""
    board = Dashboard(global_filters(period_default="last_year"))
    departure = "farewell.departure"
    clients = ["kind", "=", "client"]
    menu = "customer_farewell.menu_farewell_report"
    came_back = {PERIOD: ("recovered_date", "date")}
    all_ = board.pivot(
        "Departures", departure, [clients], measures=("__count", "lost_revenue")
    )
    price = board.pivot(
        "Price as the Lever", departure, [clients, ["price_was_lever", "=", True]]
    )
    won = board.pivot(
        "Win-backs", departure, [["outcome", "=", "recovered"]], chains=came_back
    )
    open_doors = board.pivot(
        "Doors Open",
        departure,
        [["outcome", "=", "pending"], ["door_state", "=", "open"]],
    )
    departures_ref = board.figure("Departures", f'=PIVOT.VALUE({all_},"__count")')
    board.scorecards(
        [
            ("Departures", departures_ref, BLUE),
            (
                "Price as the Lever",
                board.figure(
                    "Price as the Lever",
                    f'=IFERROR(PIVOT.VALUE({price},"__count")/{departures_ref.split("!")[1]},0)',
                    "0%",
                ),
                AMBER,
            ),
            (
                "Revenue Lost (yearly)",
                board.figure(
                    "Revenue Lost (yearly)",
                    f'=FORMAT.LARGE.NUMBER(PIVOT.VALUE({all_},"lost_revenue"))',
                ),
                RED,
            ),
            (
                "Win-backs",
                board.figure("Win-backs", f'=PIVOT.VALUE({won},"__count")'),
                GREEN,
            ),
            (
                "Doors Open",
                board.figure("Doors Open", f'=PIVOT.VALUE({open_doors},"__count")'),
                BLUE,
            ),
        ]
    )

    board.section()
    by_reason = board.pivot(
        "Departures by Reason",
        departure,
        [clients],
        rows=["reason_ids"],
        columns=["price_was_lever"],
        sort="__count",
    )
    board.table(
        LEFT,
        "Departures by Reason",
        menu,
        [("Reason", False), ("Departures", True), ("Price as the Lever", True)],
        lambda i: [
            f'=PIVOT.HEADER({by_reason},"#reason_ids",{i})',
            f'=PIVOT.VALUE({by_reason},"__count","#reason_ids",{i})',
            f'=PIVOT.VALUE({by_reason},"__count","#reason_ids",{i},"price_was_lever","true")',
        ],
        skip=(1,),
    )
    months = board.pivot(
        "Departures by Month and Outcome",
        departure,
        [clients],
        rows=[{"fieldName": "departure_date", "granularity": "month", "order": "desc"}],
        columns=["outcome"],
    )
    board.chart(
        RIGHT,
        7,
        "Departures by Month and Outcome",
        "customer_farewell.menu_farewell_departures",
        months,
        ("departure_date:month", "Month"),
        OUTCOMES,
        lines=12,
    )
    board.next_line(CHART_ROWS)

    board.section()
    latest = board.list(
        "Latest Departures",
        departure,
        [clients],
        ["partner_id", "owner_id", "departure_date", "outcome"],
        [("departure_date", False)],
    )
    board.table(
        LEFT,
        "Latest Departures",
        "customer_farewell.menu_farewell_departures",
        [
            ("Client", False),
            ("Account Owner", False),
            ("Left On", True),
            ("Outcome", False),
        ],
        lambda i: [
            f'=ODOO.LIST({latest},{i},"{f}")'
            for f in ("partner_id", "owner_id", "departure_date", "outcome")
        ],
    )
    winbacks = board.list(
        "Win-backs",
        departure,
        [["outcome", "=", "recovered"]],
        ["partner_id", "recovered_date", "days_to_recover"],
        [("recovered_date", False)],
        chains=came_back,
    )
    board.table(
        RIGHT,
        "Win-backs",
        menu,
        [("Client", False), ("Came Back On", True), ("Days Away", True)],
        lambda i: [
            f'=ODOO.LIST({winbacks},{i},"{f}")'
            for f in ("partner_id", "recovered_date", "days_to_recover")
        ],
    )
    board.next_line(TABLE_LINES + 1)
    return board.build()


DASHBOARDS = {
    "relationship_health/data/files/client_health_dashboard.json": client_health,
    "key_account_diamond/data/files/key_accounts_dashboard.json": key_accounts,
    "customer_farewell/data/files/departures_dashboard.json": departures,
}


def render(build):
    return json.dumps(build(), indent=1, ensure_ascii=False) + "\n"


def main(check=False):
    stale = []
    for path, build in DASHBOARDS.items():
        target = REPO / path
        text = render(build)
        if target.exists() and target.read_text() == text:
            continue
        stale.append(path)
        if not check:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text)
            print(f"wrote {path}")
    if check and stale:
        print("stale (run `make dashboards`): " + ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(check="--check" in sys.argv))
