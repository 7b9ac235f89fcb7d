# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The Relationships dashboards of the Dashboards app, one per add-on.

- Their files are what setup/dashboards.py writes (`make dashboards`).
- Every data source (Odoo pivots and lists) names a model, fields, a domain
  and measures that exist; every global filter reaches each source through
  a field path that exists; every formula and chart refers to a data source,
  a measure and a dimension it has.
- On known data, each data source returns the right figures, as the
  spreadsheet asks for them (its domain, the filters' domains, its groups
  and measures), for a manager and for a salesperson, whose record rules
  still apply.
- The reader gets the filters set up: a salesperson starts on their own
  clients, a manager on every owner; the type and stage filters offer the
  client's values, labelled in the reader's language.
"""

import importlib.util
import json
import re
from collections import Counter
from datetime import timedelta
from pathlib import Path

from odoo import fields
from odoo.tests import tagged

from odoo.addons.relationship_health.tests.common import RelationshipCommon

REPO = Path(__file__).resolve().parent.parent
DASHBOARDS = {
    "relationship_health.spreadsheet_dashboard_client_health": (
        "relationship_health/data/files/client_health_dashboard.json"
    ),
    "key_account_diamond.spreadsheet_dashboard_key_accounts": (
        "key_account_diamond/data/files/key_accounts_dashboard.json"
    ),
    "customer_farewell.spreadsheet_dashboard_departures": (
        "customer_farewell/data/files/departures_dashboard.json"
    ),
}
OWNER, TYPE, STAGE, PERIOD = (
    "relationship_owner",
    "relationship_type",
    "relationship_stage",
    "relationship_period",
)
FORMULA = re.compile(r"\b(PIVOT\.VALUE|PIVOT\.HEADER|ODOO\.LIST)\(([^()]*)\)")
ARGUMENT = re.compile(r'"([^"]*)"|([^,\s][^,]*)')


def _generator():
    spec = importlib.util.spec_from_file_location(
        "rh_dashboards", REPO / "setup" / "dashboards.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _arguments(text):
    return [
        quoted if quoted else bare.strip() for quoted, bare in ARGUMENT.findall(text)
    ]


class DashboardCommon(RelationshipCommon):
    """Known data of two owners: Sofía (Alfa Industrial's owner in the
    fixtures) and Tomás, alone in the dashboards once the Account Owner
    filter holds them (the demo data has other owners)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["res.partner"])
        Partner = cls.env["res.partner"]
        sofia, tomas = cls.user_sofia, cls.user_tomas

        def client(name, owner, rtype, stage):
            return Partner.create(
                {
                    "name": name,
                    "is_company": True,
                    "user_id": owner.id,
                    "relationship_type": rtype,
                    "relationship_stage": stage,
                    "company_id": cls.company.id,
                }
            )

        # Health: Sofía's Healthy Co, Falling Co (to watch, falling) and
        # Risky Co; Tomás's Steady Co.
        cls.healthy = client("Healthy Co", sofia, "long_term", "commitment")
        cls.falling = client("Falling Co", sofia, "transactional", "expansion")
        cls.risky = client("Risky Co", sofia, "long_term", "exploration")
        cls.steady = client("Steady Co", tomas, "long_term", "commitment")
        # Sofía's Left Co left: it keeps the health and the shape it had
        # then, which are no longer today's.
        cls.left = client("Left Co", sofia, "long_term", "dissolution")
        today = cls.today
        for partner, score, band, trend, delta, days in (
            (cls.healthy, 90, "healthy", "stable", 2, 0),
            (cls.falling, 55, "watch", "down", -25, 0),
            (cls.risky, 20, "at_risk", "stable", 0, 0),
            (cls.steady, 80, "healthy", "up", 6, 0),
            (cls.left, 10, "at_risk", "down", -40, 30),
        ):
            cls._set_health(
                partner,
                score=score,
                band=band,
                trend=trend,
                delta_30d=delta,
                date=today - timedelta(days=days),
            )
        # Their past days: weekly for Healthy and Falling, daily for Risky
        # (who must count once a week all the same).
        past = [
            (cls.healthy, 7, "healthy"),
            (cls.healthy, 14, "healthy"),
            (cls.falling, 7, "watch"),
            (cls.falling, 14, "healthy"),
        ] + [(cls.risky, days, "at_risk") for days in range(1, 14)]
        cls.env["relationship.health.day"].create(
            [
                {
                    "partner_id": partner.id,
                    "date": today - timedelta(days=days),
                    "band": band,
                    "score": 50,
                }
                for partner, days, band in past
            ]
        )
        # Problems: one past its target for each owner, one that is not.
        now = fields.Datetime.now()
        Problem = cls.env["relationship.problem"]
        cls.late_sofia, cls.late_tomas, cls.fresh = Problem.create(
            [
                {
                    "name": "Late answer",
                    "partner_id": cls.falling.id,
                    "reported_date": now - timedelta(days=3),
                    "user_ids": [(6, 0, sofia.ids)],
                },
                {
                    "name": "Late too",
                    "partner_id": cls.steady.id,
                    "reported_date": now - timedelta(days=3),
                    "user_ids": [(6, 0, tomas.ids)],
                },
                {
                    "name": "Just reported",
                    "partner_id": cls.risky.id,
                    "reported_date": now - timedelta(minutes=5),
                    "user_ids": [(6, 0, sofia.ids)],
                },
            ]
        )
        # Shapes, as the key-account refresh stores them (it alone may).
        Shape = cls.env["key.account.shape"]
        with Shape._system_write():
            Shape.create(
                [
                    {
                        "partner_id": partner.id,
                        "shape": shape,
                        "key_contact_left": left,
                        "interactions_12m": interactions,
                        "concentration": concentration,
                        "live_threads": 1,
                    }
                    for partner, shape, left, interactions, concentration in (
                        (cls.healthy, "diamond", False, 40, 30),
                        (cls.falling, "bow_tie", True, 12, 100),
                        (cls.risky, "bow_tie", False, 3, 100),
                        (cls.steady, "developing", False, 20, 60),
                        (cls.left, "bow_tie", True, 50, 100),
                    )
                ]
            )
        # Departures: Sofía's Gone Co left 40 days ago over price (a price
        # offer refused); Tomás's Back Co left 60 days ago over quality and
        # came back today.
        cls.gone = client("Gone Co", sofia, "transactional", "commitment")
        cls.back = client("Back Co", tomas, "long_term", "commitment")
        price = cls.env.ref("customer_farewell.reason_price")
        quality = cls.env.ref("customer_farewell.reason_service")
        Departure = cls.env["farewell.departure"]
        cls.departure_gone, cls.departure_back = Departure.create(
            [
                {
                    "partner_id": cls.gone.id,
                    "departure_date": today - timedelta(days=40),
                    "reason_ids": [(6, 0, price.ids)],
                    "lost_revenue": 12000,
                    "offer_ids": [
                        (
                            0,
                            0,
                            {
                                "description": "5% off",
                                "is_price": True,
                                "result": "refused",
                                "date": today - timedelta(days=39),
                            },
                        )
                    ],
                },
                {
                    "partner_id": cls.back.id,
                    "departure_date": today - timedelta(days=60),
                    "reason_ids": [(6, 0, quality.ids)],
                    "lost_revenue": 3000,
                },
            ]
        )
        cls.departure_back.action_recovered()
        cls.price, cls.quality = price, quality

    # -- the dashboards as files --------------------------------------------
    def _data(self, xmlid):
        return json.loads(self.env.ref(xmlid).spreadsheet_data)

    def _source(self, xmlid, kind, name):
        sources = self._data(xmlid)[kind].values()
        [source] = [s for s in sources if s["name"] == name]
        return source

    # -- a data source evaluated as the spreadsheet asks -------------------
    def _filter_domain(self, source, filters, data):
        """The domain the global filters add to ``source``: {filter id:
        value} (a relation: ids; a text: the value; a date: (from, to))."""
        domain = []
        types = {f["id"]: f["type"] for f in data["globalFilters"]}
        for filter_id, value in filters.items():
            matching = source["fieldMatching"].get(filter_id)
            if not matching:
                continue
            chain = matching["chain"]
            if types[filter_id] == "relation":
                domain.append((chain, "in", value))
            elif types[filter_id] == "text":
                domain.append((chain, "ilike", value))
            else:
                domain += [(chain, ">=", value[0]), (chain, "<=", value[1])]
        return domain

    def _pivot(self, xmlid, name, filters=None, user=None):
        """{(group values...): {measure: value}} of a pivot, its rows then
        its columns; a many2one group as its id, False when not set."""
        data = self._data(xmlid)
        source = self._source(xmlid, "pivots", name)
        groupby = [
            ":".join(filter(None, (d["fieldName"], d.get("granularity"))))
            for d in source["rows"] + source["columns"]
        ]
        measures = [m["fieldName"] for m in source["measures"]]
        model = self.env[source["model"]].with_user(user or self.user_manager)
        domain = source["domain"] + self._filter_domain(source, filters or {}, data)
        aggregates = [m if m == "__count" else f"{m}:sum" for m in measures]
        result = {}
        for row in model._read_group(domain, groupby, aggregates):
            key = tuple(
                value.id if hasattr(value, "_name") else value
                for value in row[: len(groupby)]
            )
            result[key] = dict(zip(measures, row[len(groupby) :], strict=True))
        return result

    def _count(self, xmlid, name, filters=None, user=None):
        return self._pivot(xmlid, name, filters, user)[()]["__count"]

    def _list(self, xmlid, name, filters=None, user=None):
        data = self._data(xmlid)
        source = self._source(xmlid, "lists", name)
        model = self.env[source["model"]].with_user(user or self.user_manager)
        domain = source["domain"] + self._filter_domain(source, filters or {}, data)
        order = ", ".join(
            f"{o['name']} {'asc' if o['asc'] else 'desc'}" for o in source["orderBy"]
        )
        return model.search_read(domain, source["columns"], order=order, limit=10)


@tagged("post_install", "-at_install")
class TestDashboardFiles(DashboardCommon):
    def test_files_are_what_the_generator_writes(self):
        generator = _generator()
        self.assertEqual(set(generator.DASHBOARDS), set(DASHBOARDS.values()))
        for path, build in generator.DASHBOARDS.items():
            with self.subTest(path=path):
                self.assertEqual(
                    (REPO / path).read_text(),
                    generator.render(build),
                    f"{path} is stale: run `make dashboards`",
                )

    def test_dashboards_are_published_in_the_relationships_group(self):
        group = self.env.ref(
            "relationship_health.spreadsheet_dashboard_group_relationships"
        )
        for xmlid, path in DASHBOARDS.items():
            dashboard = self.env.ref(xmlid)
            with self.subTest(dashboard=dashboard.name):
                self.assertEqual(dashboard.dashboard_group_id, group)
                self.assertTrue(dashboard.is_published)
                self.assertEqual(
                    json.loads(dashboard.spreadsheet_data),
                    json.loads((REPO / path).read_text()),
                )

    def _check_chain(self, model, chain, field_type):
        for name in chain.split("."):
            self.assertIn(name, model._fields, f"{model._name}: no field {name}")
            field = model._fields[name]
            model = self.env[field.comodel_name] if field.relational else model
        self.assertEqual(field.type, field_type, chain)

    def _check_field(self, model, name, what):
        self.assertIn(name, model._fields, f"{model._name}: no field {name} ({what})")
        return model._fields[name]

    def test_every_model_field_domain_and_measure_exists(self):
        for xmlid in DASHBOARDS:
            data = self._data(xmlid)
            filters = {f["id"] for f in data["globalFilters"]}
            self.assertLessEqual({OWNER, TYPE, STAGE}, filters)
            for kind in ("pivots", "lists"):
                for source in data[kind].values():
                    with self.subTest(dashboard=xmlid, source=source["name"]):
                        self.assertIn(source["model"], self.env)
                        model = self.env[source["model"]]
                        # The domain is valid on the model (it runs).
                        model.search_count(source["domain"])
                        # The owner, type and stage filters reach every
                        # source; the period those it is about.
                        self.assertLessEqual(
                            {OWNER, TYPE, STAGE}, set(source["fieldMatching"])
                        )
                        self.assertLessEqual(set(source["fieldMatching"]), filters)
                        for matching in source["fieldMatching"].values():
                            self._check_chain(
                                model, matching["chain"], matching["type"]
                            )
                        if kind == "pivots":
                            for dimension in source["rows"] + source["columns"]:
                                field = self._check_field(
                                    model, dimension["fieldName"], "group"
                                )
                                self.assertTrue(
                                    field._description_groupable(self.env), field
                                )
                            for measure in source["measures"]:
                                if measure["fieldName"] != "__count":
                                    field = self._check_field(
                                        model, measure["fieldName"], "measure"
                                    )
                                    self.assertTrue(
                                        field._description_aggregator(self.env), field
                                    )
                        else:
                            for name in source["columns"]:
                                self._check_field(model, name, "column")
                            for order in source["orderBy"]:
                                field = self._check_field(model, order["name"], "order")
                                self.assertTrue(
                                    field._description_sortable(self.env), field
                                )

    def test_every_formula_and_chart_refers_to_what_exists(self):
        for xmlid in DASHBOARDS:
            data = self._data(xmlid)
            sheets = {sheet["name"]: sheet for sheet in data["sheets"]}
            formulas = 0
            for sheet in data["sheets"]:
                for cell in sheet["cells"].values():
                    for function, arguments in FORMULA.findall(cell["content"]):
                        formulas += 1
                        with self.subTest(dashboard=xmlid, formula=cell["content"]):
                            self._check_formula(data, function, _arguments(arguments))
            self.assertGreater(formulas, 20)
            for figure in sheets["Dashboard"]["figures"]:
                chart = figure["data"]
                references = [chart.get("keyValue"), chart.get("labelRange")] + [
                    data_set["dataRange"] for data_set in chart.get("dataSets", [])
                ]
                for reference in filter(None, references):
                    sheet_name, cells = reference.split("!")
                    self.assertIn(sheet_name, sheets)
                    first = cells.split(":")[0]
                    self.assertIn(first, sheets[sheet_name]["cells"], reference)

    def _check_formula(self, data, function, arguments):
        if function == "ODOO.LIST":
            list_id, _position, fname = arguments
            self.assertIn(fname, data["lists"][list_id]["columns"])
            return
        pivot = data["pivots"][arguments[0]]
        model = self.env[pivot["model"]]
        dimensions = {
            ":".join(filter(None, (d["fieldName"], d.get("granularity")))): d
            for d in pivot["rows"] + pivot["columns"]
        }
        if function == "PIVOT.VALUE":
            self.assertIn(arguments[1], [m["id"] for m in pivot["measures"]])
            pairs = arguments[2:]
        else:
            pairs = arguments[1:]
        self.assertEqual(len(pairs) % 2, 0)
        for dimension, value in zip(pairs[::2], pairs[1::2], strict=True):
            self.assertIn(dimension.lstrip("#"), dimensions)
            field = model._fields[dimension.lstrip("#").split(":")[0]]
            if dimension.startswith("#"):
                self.assertTrue(value.isdigit())
            elif field.type == "selection":
                keys = [key for key, _label in field._description_selection(self.env)]
                self.assertIn(value, keys)
            elif field.type == "boolean":
                self.assertIn(value, ("true", "false"))


@tagged("post_install", "-at_install")
class TestDashboardFigures(DashboardCommon):
    HEALTH = "relationship_health.spreadsheet_dashboard_client_health"
    SHAPES = "key_account_diamond.spreadsheet_dashboard_key_accounts"
    FAREWELL = "customer_farewell.spreadsheet_dashboard_departures"

    def setUp(self):
        super().setUp()
        self.ours = {OWNER: (self.user_sofia | self.user_tomas).ids}
        self.sofia = {OWNER: self.user_sofia.ids}

    def test_client_health(self):
        kpis = {
            name: self._count(self.HEALTH, name, self.ours)
            for name in (
                "Clients",
                "Healthy",
                "To Watch",
                "At Risk",
                "Falling",
                "Problems Past Target",
            )
        }
        self.assertEqual(
            kpis,
            {
                "Clients": 4,
                "Healthy": 2,
                "To Watch": 1,
                "At Risk": 1,
                "Falling": 1,
                "Problems Past Target": 2,
            },
        )
        self.assertEqual(self._count(self.HEALTH, "Clients", self.sofia), 3)
        # Type and stage filters: the client's values, as the options offer.
        self.assertEqual(
            self._count(self.HEALTH, "Clients", {**self.ours, TYPE: "long_term"}), 3
        )
        self.assertEqual(
            self._count(self.HEALTH, "Clients", {**self.ours, STAGE: "commitment"}), 2
        )
        self.assertEqual(
            self._count(
                self.HEALTH,
                "Problems Past Target",
                {**self.ours, TYPE: "transactional"},
            ),
            1,
        )
        by_owner = self._pivot(self.HEALTH, "Health by Account Owner", self.ours)
        sofia, tomas = self.user_sofia.id, self.user_tomas.id
        self.assertEqual(
            {key: value["__count"] for key, value in by_owner.items()},
            {
                (sofia, "healthy"): 1,
                (sofia, "watch"): 1,
                (sofia, "at_risk"): 1,
                (tomas, "healthy"): 1,
            },
        )
        late = self._pivot(self.HEALTH, "Problems Past Target by Owner", self.ours)
        self.assertEqual(
            {key: value["__count"] for key, value in late.items()},
            {(sofia,): 1, (tomas,): 1},
        )
        falling = self._list(self.HEALTH, "Falling Clients", self.ours)
        self.assertEqual(
            [(row["partner_id"][0], row["delta_30d"]) for row in falling],
            [(self.falling.id, -25)],
        )

    def test_revenue_of_the_clients_at_risk(self):
        """The revenue the nightly engine stores with the health (when
        Invoicing is installed), added up over today's clients at risk: Left
        Co left, its revenue is no longer at risk."""
        for partner, revenue in (
            (self.healthy, 50000),
            (self.risky, 12000),
            (self.left, 7000),
        ):
            self._set_health(partner, revenue=revenue)
        label = "Revenue at Risk (12 months)"
        self.assertEqual(
            self._pivot(self.HEALTH, label, self.ours)[()]["revenue"], 12000
        )
        self.assertFalse(
            self._pivot(self.HEALTH, label, {OWNER: self.user_tomas.ids})[()]["revenue"]
        )

    def test_client_satisfaction_is_the_average_answer(self):
        Request = self.env["relationship.satisfaction.request"]
        answers = ((self.healthy, 5), (self.risky, 3), (self.steady, 1))
        for client, rate in answers:
            contact = self.env["res.partner"].create(
                {
                    "name": f"Voice of {client.name}",
                    "parent_id": client.id,
                    "email": f"voice{rate}@example.com",
                }
            )
            Request.create(
                {"partner_id": client.id, "contact_id": contact.id}
            ).rating_apply(rate)
        # Waiting for an answer: not counted.
        Request.create(
            {
                "partner_id": self.falling.id,
                "contact_id": self.env["res.partner"]
                .create(
                    {
                        "name": "Silent",
                        "parent_id": self.falling.id,
                        "email": "silent@example.com",
                    }
                )
                .id,
            }
        )
        source = self._source(self.HEALTH, "pivots", "Satisfaction (out of 5)")
        data = self._data(self.HEALTH)

        def average(filters):
            domain = source["domain"] + self._filter_domain(source, filters, data)
            [[value]] = Request.with_user(self.user_manager)._read_group(
                domain, [], ["answer_rating:avg"]
            )
            return value

        self.assertEqual(average(self.ours), 3)
        self.assertEqual(average(self.sofia), 4)
        # Over time: this month's answers by face; the one waiting is not
        # an answer.
        months = self._pivot(
            self.HEALTH, "Satisfaction Answers, Month by Month", self.ours
        )
        faces = Counter()
        for key, value in months.items():
            faces[key[-1]] += value["__count"]
        self.assertEqual(dict(faces), {"top": 1, "ok": 1, "ko": 1})
        self.assertEqual(len({key[0] for key in months}), 1)

    def test_weekly_trend_counts_each_client_once_a_week(self):
        weeks = self._pivot(
            self.HEALTH, "Clients per Health Band, Week by Week", self.ours
        )
        per_week = {}
        for (week, band), value in weeks.items():
            per_week.setdefault(week, Counter())[band] += value["__count"]
        # Left Co was at risk when it left, a month ago: a client then.
        self.assertEqual(
            [dict(per_week[week]) for week in sorted(per_week)],
            [
                {"at_risk": 1},
                {"healthy": 2},
                {"healthy": 1, "watch": 1, "at_risk": 1},
                {"healthy": 2, "watch": 1, "at_risk": 1},
            ],
        )
        # The period filter keeps the weeks it covers.
        since = self.today - timedelta(days=3)
        recent = self._pivot(
            self.HEALTH,
            "Clients per Health Band, Week by Week",
            {**self.ours, PERIOD: (since, self.today)},
        )
        self.assertEqual(sum(v["__count"] for v in recent.values()), 4)

    def test_key_accounts(self):
        kpis = {
            name: self._count(self.SHAPES, name, self.ours)
            for name in ("Diamonds", "Developing", "Bow-ties", "Key Contact Left")
        }
        self.assertEqual(
            kpis, {"Diamonds": 1, "Developing": 1, "Bow-ties": 2, "Key Contact Left": 1}
        )
        by_type = self._pivot(
            self.SHAPES, "Relationship Shapes by Relationship Type", self.ours
        )
        self.assertEqual(
            {key: value["__count"] for key, value in by_type.items()},
            {
                ("long_term", "diamond"): 1,
                ("long_term", "bow_tie"): 1,
                ("long_term", "developing"): 1,
                ("transactional", "bow_tie"): 1,
            },
        )
        by_owner = self._pivot(
            self.SHAPES, "Relationship Shapes by Account Owner", self.sofia
        )
        self.assertEqual(
            {key: value["__count"] for key, value in by_owner.items()},
            {
                (self.user_sofia.id, "diamond"): 1,
                (self.user_sofia.id, "bow_tie"): 2,
            },
        )
        bow_ties = self._list(self.SHAPES, "Bow-tie Clients", self.ours)
        # The busiest first: the most at stake.
        self.assertEqual(
            [row["partner_id"][0] for row in bow_ties], [self.falling.id, self.risky.id]
        )
        left = self._list(self.SHAPES, "Key Contacts Who Left", self.ours)
        self.assertEqual([row["partner_id"][0] for row in left], [self.falling.id])

    def test_departures_and_win_backs(self):
        departures = self._pivot(self.FAREWELL, "Departures", self.ours)[()]
        self.assertEqual(departures, {"__count": 2, "lost_revenue": 15000.0})
        self.assertEqual(self._count(self.FAREWELL, "Price as the Lever", self.ours), 1)
        self.assertEqual(self._count(self.FAREWELL, "Win-backs", self.ours), 1)
        self.assertEqual(self._count(self.FAREWELL, "Doors Open", self.ours), 1)
        by_reason = self._pivot(self.FAREWELL, "Departures by Reason", self.ours)
        self.assertEqual(
            {key: value["__count"] for key, value in by_reason.items()},
            {(self.price.id, True): 1, (self.quality.id, False): 1},
        )
        latest = self._list(self.FAREWELL, "Latest Departures", self.ours)
        self.assertEqual(
            [row["partner_id"][0] for row in latest], [self.gone.id, self.back.id]
        )
        winbacks = self._list(self.FAREWELL, "Win-backs", self.ours)
        self.assertEqual(
            [(row["partner_id"][0], row["days_to_recover"]) for row in winbacks],
            [(self.back.id, 60)],
        )
        # The period: departures by when they left, win-backs by when the
        # client came back (a month ago: Gone left within it, Back left
        # before it and came back today).
        month = {**self.ours, PERIOD: (self.today - timedelta(days=45), self.today)}
        self.assertEqual(self._count(self.FAREWELL, "Departures", month), 1)
        self.assertEqual(self._count(self.FAREWELL, "Win-backs", month), 1)
        by_month = self._pivot(self.FAREWELL, "Departures by Month and Outcome", month)
        self.assertEqual(
            [key[1] for key in by_month], ["pending"], "Gone Co is still away"
        )

    def test_a_prospect_won_back_is_a_win_back_not_a_departure(self):
        # Sofía lost an opportunity of Maybe Co, kept the door open, and won
        # a new one: a win-back; a prospect never left us as a client.
        prospect = self.env["res.partner"].create(
            {"name": "Maybe Co", "is_company": True, "user_id": self.user_sofia.id}
        )
        lost, won = self.env["crm.lead"].create(
            [
                {
                    "name": name,
                    "type": "opportunity",
                    "partner_id": prospect.id,
                    "user_id": self.user_sofia.id,
                }
                for name in ("First try", "Second try")
            ]
        )
        lost.action_set_lost()
        lost.action_farewell_open_door()
        self.assertEqual(self._count(self.FAREWELL, "Doors Open", self.ours), 2)
        won.action_set_won()
        departures = self._pivot(self.FAREWELL, "Departures", self.ours)[()]
        self.assertEqual(departures["__count"], 2)
        self.assertEqual(self._count(self.FAREWELL, "Win-backs", self.ours), 2)
        winbacks = self._list(self.FAREWELL, "Win-backs", self.ours)
        self.assertIn(prospect.id, [row["partner_id"][0] for row in winbacks])
        latest = self._list(self.FAREWELL, "Latest Departures", self.ours)
        self.assertNotIn(prospect.id, [row["partner_id"][0] for row in latest])

    def test_a_salesperson_sees_what_their_rules_let_them(self):
        # Every relationship user reads every client's health: the owner
        # filter, which starts on them, is what keeps their own.
        sofia = self.user_sofia
        self.assertEqual(self._count(self.HEALTH, "Clients", self.sofia, sofia), 3)
        # Problems: only those of their clients or that they take part in,
        # even without the filter.
        late = self._pivot(self.HEALTH, "Problems Past Target by Owner", user=sofia)
        self.assertEqual(
            {key: value["__count"] for key, value in late.items()}, {(sofia.id,): 1}
        )


@tagged("post_install", "-at_install")
class TestDashboardReader(DashboardCommon):
    def _filters(
        self, user, xmlid="relationship_health.spreadsheet_dashboard_client_health"
    ):
        # As in a request: the user's language in the context.
        dashboard = self.env.ref(xmlid).with_user(user).with_context(lang=user.lang)
        snapshot = dashboard.get_readonly_dashboard()["snapshot"]
        return snapshot, {f["id"]: f for f in snapshot["globalFilters"]}

    def test_a_salesperson_starts_on_their_own_clients(self):
        for xmlid in DASHBOARDS:
            with self.subTest(dashboard=xmlid):
                _snapshot, filters = self._filters(self.user_sofia, xmlid)
                self.assertEqual(filters[OWNER]["defaultValue"], "current_user")
                _snapshot, filters = self._filters(self.user_manager, xmlid)
                self.assertEqual(filters[OWNER]["defaultValue"], [])

    def test_who_reads_the_dashboards(self):
        Dashboard = self.env["spreadsheet.dashboard"]
        ours = {self.env.ref(xmlid) for xmlid in DASHBOARDS}
        for user in (self.user_sofia, self.user_manager):
            self.assertLessEqual(ours, set(Dashboard.with_user(user).search([])))
        # Not an employee who does not work relationships.
        self.assertFalse(ours & set(Dashboard.with_user(self.user_employee).search([])))

    def _options(self, snapshot, filter_):
        sheet_name, cells = filter_["rangeOfAllowedValues"].split("!")
        [sheet] = [s for s in snapshot["sheets"] if s["name"] == sheet_name]
        first, last = cells.split(":")
        column = first.rstrip("0123456789")
        options = []
        for row in range(int(first[len(column) :]), int(last[len(column) :]) + 1):
            cell = f"{column}{row}"
            label = snapshot["formats"][str(sheet["formats"][cell])]
            options.append((sheet["cells"][cell]["content"], label))
        return options

    def test_type_and_stage_options_in_the_readers_language(self):
        self.env["res.lang"]._activate_lang("es_ES")
        self.env["ir.module.module"]._load_module_terms(
            ["relationship_health"], ["es_ES"], overwrite=True
        )
        self.user_sofia.lang = "es_ES"
        snapshot, filters = self._filters(self.user_sofia)
        types = self._options(snapshot, filters[TYPE])
        Partner = self.env["res.partner"]
        self.assertEqual(
            [key for key, _label in types],
            [key for key, _label in Partner._fields["relationship_type"].selection],
        )
        self.assertIn(("long_term", '0;0;0;"A largo plazo"'), types)
        stages = self._options(snapshot, filters[STAGE])
        self.assertIn(("commitment", '0;0;0;"Compromiso"'), stages)
        # English for an English reader.
        snapshot, filters = self._filters(self.user_manager)
        self.assertIn(
            ("long_term", '0;0;0;"Long-term"'), self._options(snapshot, filters[TYPE])
        )
