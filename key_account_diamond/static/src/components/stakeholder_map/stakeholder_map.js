/** @odoo-module **/
// The stakeholder map of a client: our people on the left, theirs on the
// right, each side grouped by function, and a line for every thread between
// them (thicker when stronger). A bow-tie shows as one line; a diamond as
// many lines across many functions.
import {Component} from "@odoo/owl";
import {registry} from "@web/core/registry";
import {standardFieldProps} from "@web/views/fields/standard_field_props";

const ROW = 34;
const TOP = 36;
const WIDTH = 760;
const BOX = 250;
const STROKE = {weak: 1.5, medium: 3, strong: 5};

export class StakeholderMap extends Component {
    static template = "key_account_diamond.StakeholderMap";
    static props = {...standardFieldProps};

    get data() {
        const value = this.props.record.data[this.props.name];
        return value || {ours: [], theirs: [], threads: []};
    }

    layout(people, x) {
        const sorted = [...people].sort(
            (a, b) => a.function.localeCompare(b.function) || a.name.localeCompare(b.name)
        );
        let previous = null;
        return sorted.map((person, index) => {
            const node = {
                ...person,
                x,
                y: TOP + index * ROW,
                showFunction: person.function !== previous,
            };
            previous = person.function;
            return node;
        });
    }

    get ours() {
        return this.layout(this.data.ours, 0);
    }

    get theirs() {
        return this.layout(this.data.theirs, WIDTH - BOX);
    }

    get lines() {
        const ours = Object.fromEntries(this.ours.map((node) => [node.id, node]));
        const theirs = Object.fromEntries(this.theirs.map((node) => [node.id, node]));
        return this.data.threads
            .filter((thread) => ours[thread.user] && theirs[thread.contact])
            .map((thread, index) => ({
                key: index,
                x1: BOX,
                y1: ours[thread.user].y + ROW / 2 - 4,
                x2: WIDTH - BOX,
                y2: theirs[thread.contact].y + ROW / 2 - 4,
                width: STROKE[thread.strength] || 1,
                left: theirs[thread.contact].left,
                title: `${ours[thread.user].name} — ${theirs[thread.contact].name}: ${thread.count}`,
            }));
    }

    get width() {
        return WIDTH;
    }

    get box() {
        return BOX;
    }

    get height() {
        return TOP + Math.max(this.data.ours.length, this.data.theirs.length, 1) * ROW;
    }
}

registry.category("fields").add("kad_stakeholder_map", {
    component: StakeholderMap,
    supportedTypes: ["json"],
});
