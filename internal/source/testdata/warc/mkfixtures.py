import gzip, json, io

A1 = [
 "Senator Maria Lopez said on Tuesday that she would block any budget that cut funding for rural hospitals, setting up a clash with the governor's office.",
 "\u201cWe will not balance this budget on the backs of patients,\u201d Lopez told reporters outside the statehouse. \u201cThe governor knows where I stand.\u201d",
 "Governor Tom Reed, who proposed the cuts last month, said through a spokesman that he remained open to compromise but that the state could not keep spending money it did not have.",
 "The dispute comes as lawmakers face a deadline at the end of the month to pass a spending plan. Several members of Reed's own party have said privately that they share Lopez's concerns.",
]
A2 = [
 "Prime Minister Anna Berg met President Victor Halden in Geneva on Friday for talks on a new trade agreement between the two countries.",
 "Berg said after the meeting that both sides had made progress on tariffs but that differences remained over agriculture. \u201cWe are closer than we were a year ago,\u201d she said.",
 "Halden told a news conference that he hoped to sign an agreement before the summer. Officials from both governments will meet again next week in Brussels to continue the negotiations.",
 "Farmers' groups in both countries have protested against the talks, warning that cheaper imports would put small producers out of business.",
]
A3 = ("Officials in Millbrook County said on Monday that the new bridge over the Carson River would open two months late because of supply problems.\n"
      "County executive Dana Whitfield said the delay would add about four million dollars to the cost of the project.\n"
      "\"Nobody is happy about this,\" Whitfield said. \"But we will not open a bridge that is not safe.\"\n"
      "Commuters have used a temporary crossing since the old bridge was closed in the spring of last year.\n")

def page(title, site, date, paras, url):
    body = "\n".join("<p>%s</p>" % p for p in paras)
    return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%s | %s</title>"
            "<meta property=\"og:site_name\" content=\"%s\"><meta property=\"og:url\" content=\"%s\">"
            "<meta property=\"article:published_time\" content=\"%s\"></head><body>"
            "<nav><a href=\"/\">Home</a> <a href=\"/politics\">Politics</a></nav>"
            "<article><h1>%s</h1><p class=\"byline\">By Staff Writer</p>%s</article>"
            "<footer>Copyright %s</footer></body></html>") % (title, site, site, url, date, title, body, site)

def http(ctype, body, status="200 OK"):
    b = body.encode()
    return ("HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n" % (status, ctype, len(b))).encode() + b

def rec(typ, uri, ctype, block, n):
    h = "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-%012d>\r\nWARC-Date: 2016-03-02T10:00:00Z\r\n" % (typ, n)
    if uri: h += "WARC-Target-URI: %s\r\n" % uri
    h += "Content-Type: %s\r\nContent-Length: %d\r\n\r\n" % (ctype, len(block))
    return h.encode() + block + b"\r\n\r\n"

u1 = "https://herald.example/2016/03/01/lopez-budget"
u2 = "https://wire.example/2016/03/04/berg-halden-trade"
recs = [
 rec("warcinfo", None, "application/warc-fields", b"software: newsgraph fixture\r\nformat: WARC File Format 1.1\r\n", 1),
 rec("request", u1, "application/http;msgtype=request", b"GET /2016/03/01/lopez-budget HTTP/1.1\r\nHost: herald.example\r\n\r\n", 2),
 rec("response", u1, "application/http;msgtype=response", http("text/html; charset=utf-8", page("Lopez vows to block hospital cuts", "Springfield Herald", "2016-03-01", A1, u1)), 3),
 rec("response", "https://herald.example/missing", "application/http;msgtype=response", http("text/html", "<html><body>Not found</body></html>", "404 Not Found"), 4),
 rec("response", "https://herald.example/logo.png", "application/http;msgtype=response", http("image/png", "\x89PNG fake"), 5),
 rec("response", u2, "application/http;msgtype=response", http("text/html", page("Berg and Halden report progress on trade", "Wire Daily", "2016-03-04", A2, u2)), 6),
 rec("resource", "https://county.example/notices/bridge.txt", "text/plain", A3.encode(), 7),
]
with open("warc/sample.warc.gz", "wb") as f:
    for r in recs:
        f.write(gzip.compress(r, mtime=0))
with open("warc/sample.warc", "wb") as f:
    for r in recs[:3]:
        f.write(r)
# truncated: cut inside the sixth record's gzip member
data = open("warc/sample.warc.gz", "rb").read()
sizes = [len(gzip.compress(r, mtime=0)) for r in recs]
cut = sum(sizes[:5]) + sizes[5] // 2
open("warc/truncated.warc.gz", "wb").write(data[:cut])

A4 = ["Mayor Lena Ortiz announced on Wednesday that the city would hire two hundred new teachers next year, paid for by a tax on vacant properties.",
      "\u201cEvery child in this city deserves a full classroom of attention,\u201d Ortiz said at a school in the east district.",
      "The teachers' union welcomed the plan, but property owners said the tax would drive investment away from the city."]
A5 = ["The state election board said on Thursday that it had found no evidence of fraud in last month's primary after a review of more than ten thousand ballots.",
      "Board chairman Paul Denner said the review had been requested by two candidates who lost narrowly. \u201cThe count was accurate,\u201d Denner said."]

rss = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:media="http://search.yahoo.com/mrss/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>Capitol Review</title><link>https://review.example/</link><description>State politics</description>
<item>
 <title>Ortiz to hire 200 teachers</title>
 <link>https://review.example/2016/03/02/ortiz-teachers</link>
 <pubDate>Wed, 02 Mar 2016 14:30:00 +0000</pubDate>
 <dc:creator>Jane Porter</dc:creator>
 <description>The mayor wants a tax on vacant properties to pay for it.</description>
 <content:encoded><![CDATA[%s]]></content:encoded>
 <media:content url="https://review.example/img/ortiz.jpg" medium="image" type="image/jpeg">
  <media:description>Mayor Lena Ortiz at Eastside Elementary on Wednesday.</media:description>
  <media:credit role="photographer">Sam Lee/Capitol Review</media:credit>
 </media:content>
</item>
<item>
 <title>No fraud found in primary, board says</title>
 <link>https://review.example/2016/03/03/primary-review</link>
 <pubDate>Thu, 03 Mar 2016 09:00:00 +0000</pubDate>
 <description>%s</description>
 <media:thumbnail url="https://review.example/img/denner.jpg"/>
 <media:credit>Reuters</media:credit>
</item>
<item>
 <title>Photo gallery: the week in pictures</title>
 <link>https://review.example/2016/03/04/gallery</link>
 <pubDate>Fri, 04 Mar 2016 09:00:00 +0000</pubDate>
</item>
</channel>
</rss>
""" % ("".join("<p>%s</p>" % p for p in A4), " ".join(A5).replace("\u201c", "&quot;").replace("\u201d", "&quot;"))
open("feed/sample.rss", "w").write(rss)

atom = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">
 <title>Northern Post</title>
 <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
 <updated>2016-03-05T18:30:02Z</updated>
 <entry>
  <title>Storm closes schools across the north</title>
  <link href="https://post.example/2016/03/05/storm"/>
  <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
  <published>2016-03-05T08:00:00Z</published>
  <updated>2016-03-05T18:30:02Z</updated>
  <author><name>Rob Hale</name></author>
  <content type="html">&lt;p&gt;A winter storm closed schools across the northern counties on Friday as forecasters warned of more snow.&lt;/p&gt;&lt;p&gt;Officials at the transportation department urged drivers to stay home while crews cleared the main roads.&lt;/p&gt;</content>
  <media:content url="https://post.example/img/snow.jpg" medium="image"><media:credit>AP Photo/Kim Ward</media:credit></media:content>
 </entry>
 <entry>
  <title>Council approves park plan</title>
  <link href="https://post.example/2016/03/04/park"/>
  <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6b</id>
  <updated>2016-03-04T12:00:00Z</updated>
  <summary>The city council voted six to three on Thursday to turn the old rail yard into a public park, ending a debate that lasted nearly a decade.</summary>
 </entry>
</feed>
"""
open("feed/sample.atom", "w").write(atom)
open("feed/broken.rss", "w").write("this is { not XML at all, just a text file that claims to be a feed\n")

lines = [
 {"url": "https://ledger.example/a/1", "title": "Ortiz to hire 200 teachers", "published": "2016-03-02", "source": "City Ledger", "text": "\n".join(A4)},
 {"url": "https://ledger.example/a/2", "title": "No fraud found", "published": "2016-03-03T09:00:00Z", "html": "<html><body><article>%s</article></body></html>" % "".join("<p>%s</p>" % p for p in A5 + A5[:1] + ["The board will publish its full report next week, officials said, along with the number of ballots that were examined by hand in each county."])},
 {"url": "https://ledger.example/a/3", "title": "Bridge delayed", "text": A3},
]
with open("jsonl/sample.jsonl", "w") as f:
    for l in lines: f.write(json.dumps(l, ensure_ascii=False) + "\n")
with open("jsonl/broken.jsonl", "w") as f:
    f.write(json.dumps(lines[0], ensure_ascii=False) + "\n")
    f.write('{"url": "https://ledger.example/a/broken", "title": "cut off in the middle\n')
    f.write("\n")
    f.write(json.dumps({"url": "https://ledger.example/a/4", "title": "no text"}) + "\n")
    f.write(json.dumps(lines[2], ensure_ascii=False) + "\n")
