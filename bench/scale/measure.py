#!/usr/bin/env python3
"""The per-request figures of bench/scale.sh against one running server, as JSON on stdout.

    measure.py BASE_URL REPEATS LON LAT

LON LAT: the densest district's centre, for uncached tiles (each tile of a 3 x 3 block around it
fetched once, at z8, z10, z12 and z14: the server is started with an empty tile cache).

ONLY (environment, comma-separated: items, pages, search, tiles) limits the run to those rows.

Sequential requests on one keep-alive connection (loopback), each figure the median (and p99
where it says so) of REPEATS timed requests after two untimed ones. Every loop is bounded.
"""
import http.client
import json
import os
import statistics
import sys
import time
import urllib.parse

base = urllib.parse.urlparse(sys.argv[1])
repeats = int(sys.argv[2])
conn = http.client.HTTPConnection(base.hostname, base.port, timeout=120)


def get(path):
    t0 = time.perf_counter()
    conn.request("GET", path, headers={"Accept": "*/*" if path.startswith("/tiles") else "application/json"})
    r = conn.getresponse()
    body = r.read()
    ms = (time.perf_counter() - t0) * 1000
    # a tile with nothing in it is 204 (an answer, timed like the others); anything else not 200 is a failure
    if r.status != 200 and not (r.status == 204 and path.startswith("/tiles")):
        raise SystemExit("%s: HTTP %d %s" % (path, r.status, body[:300]))
    return ms, body


def timed(path, n=None):
    for _ in range(2):
        get(path)
    times = [get(path)[0] for _ in range(n or repeats)]
    return statistics.median(times)


def percentiles(paths):
    times = sorted(get(p)[0] for p in paths)
    return times[len(times) // 2], times[min(len(times) - 1, int(len(times) * 0.99))]


def relative(href):
    u = urllib.parse.urlparse(href)
    return u.path + ("?" + u.query if u.query else "")


def next_link(doc):
    for link in doc["links"]:
        if link["rel"] == "next":
            return relative(link["href"])
    return None


out = {}
ONLY = {w.strip() for w in os.environ.get("ONLY", "").split(",") if w.strip()}


def want(section):
    return not ONLY or section in ONLY


if want("items"):
    CITY = "105.80,21.00,105.90,21.10"      # about 10 km around a delta district (Hà Nội's rural edge)
    COUNTRY = "102,8,110,24"
    out["items_city"] = timed("/collections/farms/items?limit=100&bbox=" + CITY)
    out["items_country"] = timed("/collections/farms/items?limit=100&bbox=" + COUNTRY)
    doc = json.loads(get("/collections/farms/items?limit=100&bbox=" + COUNTRY)[1])
    out["numberMatched_country"] = doc.get("numberMatched", doc.get("numberMatchedEstimate"))
    out["numberMatched_exact"] = "numberMatched" in doc
    # the second page of the country box: a cursor page, which counts (bounded) for numberMatched
    second = next_link(doc)
    out["items_country_page2_counted"] = timed(second)

if want("pages"):
    # the 1,000th page of limit=10 by id: through 999 next links, and through offset
    path = "/collections/farms/items?limit=10&skipGeometry=true"
    pages = 1
    while pages < 1000:
        ms, body = get(path)
        nxt = next_link(json.loads(body))
        if nxt is None:
            break
        path = nxt
        pages += 1
    out["pages_followed"] = pages
    out["page1000_next"] = timed(path)
    out["page1000_offset"] = timed("/collections/farms/items?limit=10&skipGeometry=true&offset=9990")
    out["page1_offset"] = timed("/collections/farms/items?limit=10&skipGeometry=true")

if want("search"):
    # search: names people type, whole and unfinished, with a typo
    queries = ["phuc hoa", "Trang trại Nguyễn Văn An", "trang trai le thi hoa", "bac ninh", "vai thieu", "nguyen van hung",
               "tran ngoc", "hoang duc tuan", "vung nguyen lieu che", "homestay", "phuc", "lang nghe", "nguyen thi mai",
               "pham quang son", "chợ quê"]
    paths = ["/search?limit=10&q=" + urllib.parse.quote(q) for q in queries]
    for p in paths:
        get(p)
    p50, p99 = percentiles(paths * max(1, repeats // 3))
    out["search_p50"] = p50
    out["search_p99"] = p99
    # what the index leaves out, and whether a farm is found by its name (farms are the largest layer)
    one = json.loads(get("/search?limit=10&q=" + urllib.parse.quote("Trang trại Nguyễn Văn An"))[1])
    out["search_layers_not_searched"] = one.get("layersNotSearched", [])
    out["search_farm_found"] = any(r["layer"] == "farms" for r in one["results"])

import math


def tile(lon, lat, z):
    n = 2 ** z
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return x, y


if want("tiles"):
    lon, lat = float(sys.argv[3]), float(sys.argv[4])
    for z in (8, 10, 12, 14):
        x0, y0 = tile(lon, lat, z)
        times = sorted(get("/tiles/WebMercatorQuad/%d/%d/%d" % (z, y0 + dy, x0 + dx))[0] for dx in (-1, 0, 1) for dy in (-1, 0, 1))
        out["tile_z%d" % z] = times[len(times) // 2]
print(json.dumps(out))
