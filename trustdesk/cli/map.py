"""``trustdesk map …``: an account's relationship map (REL-7…REL-9) — links, arrangement, export."""

from __future__ import annotations

import argparse
from pathlib import Path

from trustdesk.cli.common import (
    SubParsers,
    choices,
    command,
    coordinate,
    emit,
    nothing_to_change,
    noun,
    opened,
    say,
)
from trustdesk.domain.enums import EdgeKind
from trustdesk.services import contacts, relationship_map
from trustdesk.services.relationship_map import EdgeData
from trustdesk.services.store import Store


def _describe(args: argparse.Namespace, edge: EdgeData, names: dict[str, str]) -> str:
    arrow = "—" if edge.kind is EdgeKind.KNOWS else "→"
    source, target = names.get(edge.source_id, "?"), names.get(edge.target_id, "?")
    note = f"  “{edge.note}”" if edge.note else ""
    return f"{edge.id}  {source} {arrow} {target}  ({edge.kind.label(args.lang)}){note}"


def _names(store: Store, edge: EdgeData) -> dict[str, str]:
    return {
        cid: store.read(contacts.get_contact, cid).name for cid in (edge.source_id, edge.target_id)
    }


def cmd_export(args: argparse.Namespace) -> int:
    from trustdesk.reports.map_export import export_map

    with opened(args) as store:
        data = store.read(relationship_map.load_map, args.account)
    out = export_map(data, Path(args.out), lang=args.lang)
    print(
        say(args, f"Saved the relationship map of {data.account_name} to {out}.",
            f"已将 {data.account_name} 的关系地图保存到 {out}。")
    )  # fmt: skip
    return 0


def cmd_link_add(args: argparse.Namespace) -> int:
    with opened(args) as store:
        edge = store.write(
            relationship_map.add_edge, args.source, args.target, args.kind, args.note or ""
        )
        names = _names(store, edge)
    emit(
        args, edge, lambda: [say(args, "Added link ", "已添加连线 ") + _describe(args, edge, names)]
    )
    return 0


def cmd_link_list(args: argparse.Namespace) -> int:
    with opened(args) as store:
        data = store.read(relationship_map.load_map, args.account)
    names = {p.id: p.name for p in data.people}
    emit(
        args,
        data.edges,
        lambda: (
            [_describe(args, e, names) for e in data.edges]
            or [say(args, "No links on this map.", "地图上没有连线。")]
        ),
    )
    return 0


def cmd_link_edit(args: argparse.Namespace) -> int:
    if args.kind is None and args.note is None:
        nothing_to_change(args)
    with opened(args) as store:
        edge = store.write(relationship_map.update_edge, args.edge, kind=args.kind, note=args.note)
        names = _names(store, edge)
    emit(
        args, edge, lambda: [say(args, "Saved link ", "已保存连线 ") + _describe(args, edge, names)]
    )
    return 0


def cmd_link_remove(args: argparse.Namespace) -> int:
    with opened(args) as store:
        store.write(relationship_map.remove_edge, args.edge)
    print(say(args, f"Removed link {args.edge}.", f"已删除连线 {args.edge}。"))
    return 0


def cmd_relayout(args: argparse.Namespace) -> int:
    with opened(args) as store:
        store.write(relationship_map.clear_positions, args.account)
    print(
        say(args, "Forgot the saved arrangement: the map is laid out by reporting lines again.",
            "已清除保存的排列：关系地图重新按汇报关系布局。")
    )  # fmt: skip
    return 0


def cmd_move(args: argparse.Namespace) -> int:
    with opened(args) as store:
        store.write(relationship_map.move_person, args.contact, args.x, args.y)
    print(
        say(args, f"Placed {args.contact} at ({args.x:g}, {args.y:g}).",
            f"已将 {args.contact} 放在 ({args.x:g}, {args.y:g})。")
    )  # fmt: skip
    return 0


def register(sub: SubParsers) -> None:
    maps = noun(sub, "map", "relationship maps")

    p = command(maps, "export", cmd_export, "export an account's relationship map")
    p.add_argument("--account", required=True, metavar="ID")
    p.add_argument("--out", required=True, metavar="FILE.png|FILE.svg")

    links = noun(maps, "link", "influences/knows links between people")
    p = command(links, "add", cmd_link_add, "link two people of one customer", json_output=True)
    p.add_argument("source", metavar="SOURCE", help="contact id (for influences: who sways)")
    p.add_argument("target", metavar="TARGET", help="contact id")
    p.add_argument("--kind", required=True, choices=choices(EdgeKind))
    p.add_argument("--note")
    p = command(links, "list", cmd_link_list, "list a customer's links", json_output=True)
    p.add_argument("--account", required=True, metavar="ID")
    p = command(links, "edit", cmd_link_edit, "change a link's kind or note", json_output=True)
    p.add_argument("edge", metavar="EDGE", help="link id (see 'map link list')")
    p.add_argument("--kind", choices=choices(EdgeKind))
    p.add_argument("--note", help='"" clears it')
    p = command(links, "remove", cmd_link_remove, "remove a link")
    p.add_argument("edge", metavar="EDGE")

    p = command(maps, "relayout", cmd_relayout, "forget the arrangement: lay out automatically")
    p.add_argument("--account", required=True, metavar="ID")
    p = command(maps, "move", cmd_move, "put one person at a place on the map (saved)")
    p.add_argument("contact", metavar="CONTACT", help="contact id")
    p.add_argument("x", type=coordinate)
    p.add_argument("y", type=coordinate)
