// Draws "who refers to whom" as a graph (SVG, d3) from the JSON the page embeds next to the
// figure (`referrals/flows.py`, Matrix.graph): a circle per group or company, sized by its
// referrals and placed on a ring (companies side by side with their home group's, in its
// colour), and an arrow per giver → receiver, as thick as the referrals along it. A ring keeps
// thirty names readable where a force layout piles them up, and it is the same on every load.
// Hover texts come from the server, translated. The table below is the accessible version.
(function () {
  "use strict";

  const LETTER = 8; // about the width of a label's letter, in the drawing's units
  const SPACING = 50; // between the centres of neighbouring circles on the ring
  const ARROW = 9;

  // Labels run sideways from the ring, so the drawing needs their room left and right only.
  function placeOnRing(nodes) {
    const ring = Math.max(130, (nodes.length * SPACING) / (2 * Math.PI));
    const labelRoom = LETTER * d3.max(nodes, (n) => n.name.length) + 24;
    const centre = { x: ring + labelRoom, y: ring + 50 };
    nodes.forEach((node, i) => {
      node.angle = (2 * Math.PI * i) / nodes.length - Math.PI / 2;
      node.x = centre.x + ring * Math.cos(node.angle);
      node.y = centre.y + ring * Math.sin(node.angle);
    });
    return { width: 2 * centre.x, height: 2 * centre.y, centre };
  }

  // A curve from the edge of one circle to the edge of the other, bowed towards the centre and
  // a little to its side, so that A → B and B → A lie side by side instead of on each other.
  function arrowPath(link, radius, centre) {
    const s = link.source;
    const t = link.target;
    const length = Math.hypot(t.x - s.x, t.y - s.y) || 1;
    const mx = (s.x + t.x) / 2;
    const my = (s.y + t.y) / 2;
    const cx = mx + (centre.x - mx) * 0.35 - ((t.y - s.y) / length) * 14;
    const cy = my + (centre.y - my) * 0.35 + ((t.x - s.x) / length) * 14;
    const start = towards(s, cx, cy, radius(s.size));
    const end = towards(t, cx, cy, radius(t.size) + 2);
    return `M${start[0]},${start[1]} Q${cx},${cy} ${end[0]},${end[1]}`;
  }

  function towards(node, x, y, distance) {
    const length = Math.hypot(x - node.x, y - node.y) || 1;
    return [node.x + ((x - node.x) / length) * distance, node.y + ((y - node.y) / length) * distance];
  }

  function arrowhead(svg, id) {
    svg
      .append("defs")
      .append("marker")
      .attr("id", id)
      .attr("viewBox", "0 -5 10 10")
      .attr("refX", 9)
      .attr("markerUnits", "userSpaceOnUse")
      .attr("markerWidth", ARROW)
      .attr("markerHeight", ARROW)
      .attr("orient", "auto")
      .append("path")
      .attr("d", "M0,-5L10,0L0,5")
      .attr("class", "referral-graph-arrowhead");
  }

  // Which colour is which home group, in the top left corner.
  function legend(svg, groups, colour) {
    const entry = svg
      .append("g")
      .attr("class", "referral-graph-legend")
      .selectAll("g")
      .data(groups)
      .join("g")
      .attr("transform", (_group, i) => `translate(12,${18 + i * 20})`);
    entry.append("circle").attr("r", 6).attr("fill", (group) => colour(group));
    entry.append("text").attr("x", 12).attr("dy", "0.35em").text((group) => group);
  }

  function draw(figure) {
    const data = JSON.parse(document.getElementById(figure.dataset.graphSource).textContent);
    const grouped = data.nodes.length > 0 && "group" in data.nodes[0];
    // Keep the server's order, by home group first when there is one.
    const nodes = data.nodes.map((node, index) => ({ ...node, index }));
    if (grouped) nodes.sort((a, b) => d3.ascending(a.group, b.group) || a.index - b.index);
    const byIndex = new Map(nodes.map((node) => [node.index, node]));
    const links = data.links.map((link) => ({
      ...link,
      source: byIndex.get(link.source),
      target: byIndex.get(link.target),
    }));
    const { width: drawingWidth, height, centre } = placeOnRing(nodes);
    const radius = d3.scaleSqrt().domain([0, d3.max(nodes, (n) => n.size) || 1]).range([5, 24]);
    const width = d3.scaleLinear().domain([1, d3.max(links, (l) => l.referrals) || 1]).range([1.2, 8]);
    const colour = d3.scaleOrdinal(d3.schemeTableau10);

    const svg = d3
      .create("svg")
      .attr("viewBox", `0 0 ${drawingWidth} ${height}`)
      .attr("class", "referral-graph-svg")
      .attr("role", "img")
      .attr("aria-label", figure.dataset.label);
    const markerId = `${figure.id}-arrow`;
    arrowhead(svg, markerId);
    svg
      .append("g")
      .selectAll("path")
      .data(links)
      .join("path")
      .attr("class", "referral-graph-link")
      .attr("d", (link) => arrowPath(link, radius, centre))
      .attr("stroke-width", (link) => width(link.referrals))
      .attr("marker-end", `url(#${markerId})`)
      .append("title")
      .text((link) => link.title);
    const node = svg
      .append("g")
      .selectAll("g")
      .data(nodes)
      .join("g")
      .attr("class", "referral-graph-node")
      .attr("transform", (n) => `translate(${n.x},${n.y})`);
    const circle = node.append("circle").attr("r", (n) => radius(n.size));
    if (grouped) circle.attr("fill", (n) => colour(n.group));
    // Labels point outwards from the ring, so they never cross the arrows.
    const onLeft = (n) => Math.cos(n.angle) < -1e-9;
    node
      .append("text")
      .attr("x", (n) => Math.cos(n.angle) * (radius(n.size) + 6))
      .attr("y", (n) => Math.sin(n.angle) * (radius(n.size) + 6))
      .attr("text-anchor", (n) => (onLeft(n) ? "end" : "start"))
      .attr("dy", "0.35em")
      .text((n) => n.name);
    node.append("title").text((n) => (grouped ? `${n.title} · ${n.group}` : n.title));
    if (grouped) legend(svg, [...new Set(nodes.map((n) => n.group))], colour);
    figure.prepend(svg.node());
    figure.dataset.drawn = "true";
  }

  function drawAll() {
    document.querySelectorAll("[data-referral-graph]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
