/** @odoo-module **/
// A small line graph of a client's daily health scores (the last 90 days),
// drawn from the JSON list [[date, score], ...] kept on the client.
import {Component} from "@odoo/owl";
import {registry} from "@web/core/registry";
import {standardFieldProps} from "@web/views/fields/standard_field_props";
import {_t} from "@web/core/l10n/translation";

const WIDTH = 320;
const HEIGHT = 80;
const PAD = 4;

export class HealthSparkline extends Component {
    static template = "relationship_health.HealthSparkline";
    static props = {...standardFieldProps};

    get points() {
        const value = this.props.record.data[this.props.name];
        return Array.isArray(value) ? value : [];
    }

    get polyline() {
        const points = this.points;
        if (points.length < 2) {
            return "";
        }
        const step = (WIDTH - 2 * PAD) / (points.length - 1);
        return points
            .map(([, score], index) => {
                const x = PAD + index * step;
                const y = PAD + ((100 - score) / 100) * (HEIGHT - 2 * PAD);
                return `${x.toFixed(1)},${y.toFixed(1)}`;
            })
            .join(" ");
    }

    get summary() {
        const points = this.points;
        if (!points.length) {
            return _t("No history yet");
        }
        const [first] = points;
        const last = points[points.length - 1];
        return _t("%(first)s on %(from)s, %(last)s on %(to)s", {
            first: first[1],
            from: first[0],
            last: last[1],
            to: last[0],
        });
    }

    get width() {
        return WIDTH;
    }

    get height() {
        return HEIGHT;
    }

    get thresholdY() {
        return {
            healthy: PAD + (30 / 100) * (HEIGHT - 2 * PAD),
            watch: PAD + (60 / 100) * (HEIGHT - 2 * PAD),
        };
    }
}

registry.category("fields").add("health_sparkline", {
    component: HealthSparkline,
    supportedTypes: ["json"],
});
