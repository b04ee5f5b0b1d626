"""Writes a WordPress export (WXR 1.2) of a made-up health magazine, laid
out as WordPress's own export writer lays it out (wp-admin/includes/export.php):
authors, a category tree, tags, then one item per post, page, attachment
and menu entry, with their postmeta and comments. Prints what it wrote as
JSON. The same arguments always give the same file.
Usage: wxr.py OUT POSTS COMMENTS [SEED]

Posts mix block-editor bodies (`<!-- wp:... -->` around HTML) and
classic-editor ones (no <p>, `[caption]` shortcodes, blank lines between
paragraphs); drafts and pending posts have no post_name and a zero GMT
date, as WordPress leaves them. Comments are threaded, mostly approved,
with pending ones, trash, pingbacks and trackbacks. WordPress's own writer
leaves spam out; a few are written anyway, as other exporters keep them."""
import datetime
import json
import os
import random
import sys
import urllib.parse

SITE = "https://www.dailyvital.example"
HOSTS = ["https://www.dailyvital.example", "http://dailyvital.example", "https://dailyvital.example"]

AUTHORS = [
    ("mara", "Mara Lindqvist"), ("tom.b", "Tom Baptiste"), ("ines", "Inès Fauré"),
    ("kwame", "Kwame Mensah"), ("yuki", "Yuki Tanaka"), ("priya", "Priya Raman"),
    ("liam", "Liam O'Connor"), ("sofia", "Sofía Herrera"), ("editor", "The Vital Desk"),
    ("dr-okafor", "Dr Ada Okafor"), ("jens", "Jens Mø"), ("ruth", "Ruth Adeyemi"),
]
# (slug, name, parent slug)
CATEGORIES = [
    ("uncategorized", "Uncategorized", ""), ("health", "Health", ""),
    ("nutrition", "Food & Nutrition", "health"), ("recipes", "Recipes", "nutrition"),
    ("supplements", "Supplements", "nutrition"), ("fitness", "Fitness", "health"),
    ("running", "Running", "fitness"), ("strength", "Strength Training", "fitness"),
    ("sleep", "Sleep", "health"), ("mental-health", "Mental Health", "health"),
    ("stress", "Stress", "mental-health"), ("heart-health", "Heart Health", "health"),
    ("family", "Family", ""), ("pregnancy", "Pregnancy", "family"), ("children", "Children", "family"),
    ("ageing", "Ageing Well", "family"), ("skin", "Skin & Hair", ""), ("news", "News", ""),
    ("research", "Research Explained", "news"), ("opinion", "Opinion", "news"),
]
NOUNS = ["sleep", "blood pressure", "fibre", "protein", "hydration", "vitamin D", "iron", "posture",
         "cholesterol", "gut health", "screen time", "caffeine", "magnesium", "walking", "stretching",
         "breakfast", "sunscreen", "hearing", "eyesight", "balance", "mood", "anxiety", "back pain",
         "knee pain", "migraines", "allergies", "hay fever", "asthma", "blood sugar", "salt", "sugar",
         "omega-3", "strength", "stamina", "recovery", "breathing", "meditation", "journaling",
         "loneliness", "snacking", "portion size", "hand washing", "dental care", "skin care", "hair loss"]
GROUPS = ["runners", "new parents", "teenagers", "night-shift workers", "people over 60", "office workers",
          "students", "beginners", "older adults", "toddlers", "carers", "cyclists", "commuters"]
VERBS = ["improve", "protect", "boost", "understand", "track", "balance", "support", "rethink", "measure",
         "ease", "restore", "manage"]
ADJECTIVES = ["simple", "small", "daily", "gentle", "overlooked", "surprising", "practical", "steady",
              "quiet", "realistic", "cheap", "evidence-based", "seasonal", "busy-week"]
WORDS = ("a the your most many some every few research study trial data doctors nurses patients people "
         "week month year morning evening night habit routine plate glass walk minute hour dose level "
         "risk benefit sign symptom change effect body heart brain muscle bone skin gut lung kidney "
         "helps shows suggests lowers raises keeps makes takes needs finds adds cuts turns slows "
         "often rarely usually slowly gently clearly quickly regularly together still even only also "
         "small large daily regular fresh whole light warm cold early late short long steady better "
         "with without after before during between under over about around into from for than").split()
TITLES = [
    "{n} {adj} ways to {verb} your {noun}", "Why {noun} matters for {group}",
    "What {group} should know about {noun}", "{Noun} and {noun2}: what the research says",
    "A {adj} guide to {noun}", "How to {verb} {noun} in {n} minutes a day",
    "{Noun}, explained", "The truth about {noun} and {noun2}", "Is {noun} overrated?",
    "{n} myths about {noun}, checked", "Ask the expert: {noun} for {group}",
]
FOREIGN_TITLES = ["Сон и стресс", "Здоровое питание зимой", "Ύπνος και άγχος", "健康的な朝食", "Café y corazón",
                  "Übungen für den Rücken"]


class Writer:
    def __init__(self, rng):
        self.rng = rng

    def sentence(self):
        r = self.rng
        words = r.choices(WORDS, k=r.randint(6, 20))
        if r.random() < 0.5:
            words.insert(r.randrange(len(words)), r.choice(NOUNS))
        if r.random() < 0.15:
            words.insert(r.randrange(len(words)), f"{r.randint(2, 300)} {r.choice(['minutes', 'mg', 'grams', 'steps', 'per cent', 'ml'])}")
        if r.random() < 0.1:
            words.insert(r.randrange(len(words)), "—")
        text = " ".join(words)
        if r.random() < 0.08:
            text += f", “{r.choice(NOUNS)} first”"
        return text[0].upper() + text[1:] + r.choice([".", ".", ".", ".", "?", "!"])

    def sentences(self, low, high):
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def title(self):
        r = self.rng
        noun, noun2 = r.sample(NOUNS, 2)
        return r.choice(TITLES).format(n=r.randint(3, 12), adj=r.choice(ADJECTIVES), verb=r.choice(VERBS),
                                       noun=noun, noun2=noun2, Noun=noun[0].upper() + noun[1:], group=r.choice(GROUPS))


def slugify(title):
    """WordPress's sanitize_title, near enough: ASCII words joined by dashes,
    anything else percent-encoded in lower case."""
    out, dash = [], False
    for ch in title.lower():
        if ch.isascii() and ch.isalnum():
            out.append(ch)
            dash = False
        elif not ch.isascii() and ch.isalpha():
            out.append(urllib.parse.quote(ch).lower())
            dash = False
        elif not dash and out:
            out.append("-")
            dash = True
    return "".join(out).strip("-")


def cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def stamp(moment):
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def rfc822(moment):
    return moment.strftime("%a, %d %b %Y %H:%M:%S +0000")


def local(moment):
    """The site's clock: London, summer time from April to October."""
    return moment + datetime.timedelta(hours=1 if 4 <= moment.month <= 10 else 0)


class Export:
    def __init__(self, out, posts, comments, seed):
        self.out, self.rng, self.posts, self.comments = out, random.Random(seed), posts, comments
        self.text = Writer(self.rng)
        self.next_id = 10
        self.next_comment = 1
        self.slugs = set()
        self.published = []  # (id, link) of earlier posts, for links between posts
        self.count = {"posts": 0, "pages": 0, "attachments": 0, "menu_items": 0, "comments": 0}
        self.tags = sorted({f"{a} {n}" if self.rng.random() < 0.3 else n
                            for a in ADJECTIVES for n in NOUNS if self.rng.random() < 0.35})

    def new_id(self):
        self.next_id += self.rng.randint(1, 3)
        return self.next_id

    def unique(self, slug):
        base, n = slug, 2
        while slug in self.slugs:
            slug = f"{base}-{n}"
            n += 1
        self.slugs.add(slug)
        return slug

    def write(self):
        w = self.out.write
        w('<?xml version="1.0" encoding="UTF-8" ?>\n<!-- This is a WordPress eXtended RSS file generated by WordPress as an export of your site. -->\n')
        w('<!-- generator="WordPress/6.7.1" created="2026-11-30 10:00" -->\n<rss version="2.0"\n'
          '\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"\n\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
          '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"\n\txmlns:dc="http://purl.org/dc/elements/1.1/"\n'
          '\txmlns:wp="http://wordpress.org/export/1.2/"\n>\n\n<channel>\n')
        w(f"\t<title>Daily Vital</title>\n\t<link>{SITE}</link>\n\t<description>Health news &amp; advice</description>\n"
          f"\t<pubDate>Mon, 30 Nov 2026 10:00:00 +0000</pubDate>\n\t<language>en-GB</language>\n\t<wp:wxr_version>1.2</wp:wxr_version>\n"
          f"\t<wp:base_site_url>{SITE}</wp:base_site_url>\n\t<wp:base_blog_url>{SITE}</wp:base_blog_url>\n\n")
        for n, (login, name) in enumerate(AUTHORS, 1):
            first, _, last = name.partition(" ")
            w(f"\t<wp:author><wp:author_id>{n}</wp:author_id><wp:author_login>{cdata(login)}</wp:author_login>"
              f"<wp:author_email>{cdata(login + '@dailyvital.example')}</wp:author_email><wp:author_display_name>{cdata(name)}</wp:author_display_name>"
              f"<wp:author_first_name>{cdata(first)}</wp:author_first_name><wp:author_last_name>{cdata(last)}</wp:author_last_name></wp:author>\n")
        w("\n")
        self.term_ids = {}
        for n, (slug, name, parent) in enumerate(CATEGORIES, 1):
            self.term_ids[slug] = n
            described = f"<wp:category_description>{cdata(self.text.sentence())}</wp:category_description>" if n % 3 == 0 else ""
            w(f"\t<wp:category>\n\t\t<wp:term_id>{n}</wp:term_id>\n\t\t<wp:category_nicename>{cdata(slug)}</wp:category_nicename>\n"
              f"\t\t<wp:category_parent>{cdata(parent)}</wp:category_parent>\n\t\t<wp:cat_name>{cdata(escape(name))}</wp:cat_name>\n"
              f"\t\t{described}\n\t</wp:category>\n")
        for n, tag in enumerate(self.tags, len(CATEGORIES) + 1):
            w(f"\t<wp:tag>\n\t\t<wp:term_id>{n}</wp:term_id>\n\t\t<wp:tag_slug>{cdata(slugify(tag))}</wp:tag_slug>\n"
              f"\t\t<wp:tag_name>{cdata(tag)}</wp:tag_name>\n\t</wp:tag>\n")
        w(f"\t<wp:term><wp:term_id>900</wp:term_id><wp:term_taxonomy>nav_menu</wp:term_taxonomy><wp:term_slug>{cdata('main')}</wp:term_slug>"
          f"<wp:term_name>{cdata('Main')}</wp:term_name></wp:term>\n\n\t<generator>https://wordpress.org/?v=6.7.1</generator>\n\n")

        statuses = [self.status() for _ in range(self.posts)]
        # Comments go to published posts, a few posts drawing most of them.
        weights = [self.rng.paretovariate(1.2) if s == "publish" else 0 for s in statuses]
        per_post = [0] * self.posts
        for i in self.rng.choices(range(self.posts), weights=weights, k=self.comments):
            per_post[i] += 1
        start = datetime.datetime(2011, 1, 3, 7, 0)
        span = (datetime.datetime(2026, 11, 1) - start).total_seconds()
        for i in range(self.posts):
            moment = start + datetime.timedelta(seconds=int(span * (i + self.rng.random()) / self.posts))
            self.post(moment, statuses[i], per_post[i])
            if i % max(1, self.posts // 30) == 0:
                self.page(moment)
            if i < 8:
                self.menu_item(moment, i)
        w("</channel>\n</rss>\n")
        return self.count

    def item(self, *, title, link, moment, author, guid_id, content, excerpt, post_id, status, post_type,
             post_name, parent=0, modified=None, terms="", meta=(), comments="", attachment_url=None):
        gmt = "0000-00-00 00:00:00" if status in ("draft", "pending") else stamp(moment)
        modified = modified or moment
        attachment = f"\t\t<wp:attachment_url>{cdata(attachment_url)}</wp:attachment_url>\n" if attachment_url else ""
        metas = "".join(f"\t\t<wp:postmeta>\n\t\t<wp:meta_key>{cdata(k)}</wp:meta_key>\n\t\t<wp:meta_value>{cdata(v)}</wp:meta_value>\n\t\t</wp:postmeta>\n"
                        for k, v in meta)
        self.out.write(
            f"\t<item>\n\t\t<title>{cdata(title)}</title>\n\t\t<link>{escape(link)}</link>\n\t\t<pubDate>{rfc822(moment)}</pubDate>\n"
            f"\t\t<dc:creator>{cdata(author)}</dc:creator>\n\t\t<guid isPermaLink=\"false\">{SITE}/?{'page_id' if post_type == 'page' else 'p'}={guid_id}</guid>\n"
            f"\t\t<description></description>\n\t\t<content:encoded>{cdata(content)}</content:encoded>\n"
            f"\t\t<excerpt:encoded>{cdata(excerpt)}</excerpt:encoded>\n\t\t<wp:post_id>{post_id}</wp:post_id>\n"
            f"\t\t<wp:post_date>{cdata(stamp(local(moment)))}</wp:post_date>\n\t\t<wp:post_date_gmt>{cdata(gmt)}</wp:post_date_gmt>\n"
            f"\t\t<wp:post_modified>{cdata(stamp(local(modified)))}</wp:post_modified>\n\t\t<wp:post_modified_gmt>{cdata(stamp(modified))}</wp:post_modified_gmt>\n"
            f"\t\t<wp:comment_status>{cdata('open' if post_type == 'post' else 'closed')}</wp:comment_status>\n"
            f"\t\t<wp:ping_status>{cdata('open' if post_type == 'post' else 'closed')}</wp:ping_status>\n"
            f"\t\t<wp:post_name>{cdata(post_name)}</wp:post_name>\n\t\t<wp:status>{cdata(status)}</wp:status>\n"
            f"\t\t<wp:post_parent>{parent}</wp:post_parent>\n\t\t<wp:menu_order>0</wp:menu_order>\n"
            f"\t\t<wp:post_type>{cdata(post_type)}</wp:post_type>\n\t\t<wp:post_password>{cdata('')}</wp:post_password>\n"
            f"\t\t<wp:is_sticky>0</wp:is_sticky>\n{attachment}{terms}{metas}{comments}\t</item>\n")

    def status(self):
        roll = self.rng.random()
        return ("publish" if roll < 0.93 else "draft" if roll < 0.965 else "pending" if roll < 0.975
                else "future" if roll < 0.98 else "private" if roll < 0.99 else "trash")

    def post(self, moment, status, comment_count):
        r = self.rng
        post_id = self.new_id()
        author_n = r.randrange(len(AUTHORS))
        title = r.choice(FOREIGN_TITLES) if r.random() < 0.01 else self.text.title()
        if status in ("draft", "pending") and r.random() < 0.8:
            post_name = ""
        else:
            post_name = self.unique(slugify(title))
            if status == "trash":
                post_name += "__trashed"
        link = f"{SITE}/{moment:%Y/%m}/{post_name}/" if post_name else f"{SITE}/?p={post_id}"

        # Images uploaded for the post: attachments after it, as WordPress
        # numbers them.
        images = []
        for _ in range(r.choice([0, 1, 1, 1, 2, 2, 3])):
            name = slugify(f"{r.choice(NOUNS)} {r.choice(['photo', 'chart', 'plate', 'jar', 'walk', 'clinic'])}") + f"-{r.randint(1, 999)}"
            images.append((self.new_id(), f"{moment:%Y/%m}/{name}", r.choice(["jpg", "jpg", "jpeg", "png", "webp"])))
        blocks = r.random() < 0.6 or moment.year >= 2020 and r.random() < 0.8
        content = self.block_body(images) if blocks else self.classic_body(images)

        cats = r.sample(CATEGORIES[1:], r.choice([1, 1, 2, 3]))
        if r.random() < 0.03:
            cats = [CATEGORIES[0]]
        terms = "".join(f"\t\t<category domain=\"category\" nicename=\"{slug}\">{cdata(escape(name))}</category>\n" for slug, name, _ in cats)
        for tag in r.sample(self.tags, r.randint(0, 6)):
            terms += f"\t\t<category domain=\"post_tag\" nicename=\"{slugify(tag)}\">{cdata(tag)}</category>\n"
        meta = [("_edit_last", str(author_n + 1))]
        if images and r.random() < 0.75:
            meta.append(("_thumbnail_id", str(images[0][0])))
        if len(cats) > 1 and r.random() < 0.6:
            meta.append(("_yoast_wpseo_primary_category", str(self.term_ids[cats[-1][0]])))
        if r.random() < 0.4:
            meta.append(("_yoast_wpseo_metadesc", self.text.sentence()))
        if r.random() < 0.05:
            meta.append(("_wp_old_slug", slugify(self.text.title())))
        excerpt = self.text.sentences(1, 2) if r.random() < 0.35 else ""
        modified = moment + datetime.timedelta(days=r.randint(0, 900)) if r.random() < 0.3 else moment

        comments = self.comment_items(moment, comment_count, author_n)
        self.item(title=title, link=link, moment=moment, author=AUTHORS[author_n][0], guid_id=post_id, content=content,
                  excerpt=excerpt, post_id=post_id, status=status, post_type="post", post_name=post_name,
                  modified=modified, terms=terms, meta=meta, comments=comments)
        self.count["posts"] += 1
        if status == "publish":
            self.published.append((post_id, link))
        for attachment_id, path, ext in images:
            self.attachment(attachment_id, path, ext, post_id, link, moment, AUTHORS[author_n][0])

    def attachment(self, attachment_id, path, ext, parent, parent_link, moment, author):
        r = self.rng
        name = path.rsplit("/", 1)[1]
        url = f"{SITE}/wp-content/uploads/{path}.{ext}"
        width, height = r.choice([(2048, 1365), (1600, 1067), (1200, 800), (1080, 1350)])
        sizes = "".join(f's:{len(size)}:"{size}";a:4:{{s:4:"file";s:{len(f"{name}-{w}x{h}.{ext}")}:"{name}-{w}x{h}.{ext}";'
                        f's:5:"width";i:{w};s:6:"height";i:{h};s:9:"mime-type";s:10:"image/jpeg";}}'
                        for size, w, h in [("medium", 300, 200), ("large", 1024, 683), ("thumbnail", 150, 150)])
        metadata = (f'a:5:{{s:5:"width";i:{width};s:6:"height";i:{height};s:4:"file";s:{len(path) + len(ext) + 1}:"{path}.{ext}";'
                    f's:8:"filesize";i:{r.randint(40000, 900000)};s:5:"sizes";a:3:{{{sizes}}}}}')
        meta = [("_wp_attached_file", f"{path}.{ext}"), ("_wp_attachment_metadata", metadata)]
        if r.random() < 0.7:
            meta.append(("_wp_attachment_image_alt", self.text.sentence().rstrip(".?!")))
        title = name.replace("-", " ")
        self.item(title=title, link=f"{parent_link.rstrip('/')}/{name}/", moment=moment, author=author, guid_id=attachment_id,
                  content="", excerpt=self.text.sentence() if r.random() < 0.3 else "", post_id=attachment_id,
                  status="inherit", post_type="attachment", post_name=name, parent=parent, meta=meta, attachment_url=url)
        self.count["attachments"] += 1

    def page(self, moment):
        page_id = self.new_id()
        title = self.rng.choice(["About us", "Contact", "Privacy policy", "Our editorial standards", "Advertise", "Newsletter"])
        slug = self.unique(slugify(title))
        body = "\n\n".join(self.text.sentences(2, 5) for _ in range(4))
        self.item(title=title, link=f"{SITE}/{slug}/", moment=moment, author="editor", guid_id=page_id, content=body, excerpt="",
                  post_id=page_id, status="publish", post_type="page", post_name=slug, meta=[("_wp_page_template", "default")])
        self.count["pages"] += 1

    def menu_item(self, moment, n):
        item_id = self.new_id()
        slug, _, _ = CATEGORIES[n + 1]
        meta = [("_menu_item_type", "taxonomy"), ("_menu_item_menu_item_parent", "0"), ("_menu_item_object_id", str(n + 2)),
                ("_menu_item_object", "category"), ("_menu_item_target", ""), ("_menu_item_classes", 'a:1:{i:0;s:0:"";}'),
                ("_menu_item_url", "")]
        self.item(title="", link=f"{SITE}/?p={item_id}", moment=moment, author="editor", guid_id=item_id, content="", excerpt="",
                  post_id=item_id, status="publish", post_type="nav_menu_item", post_name=str(item_id),
                  terms="\t\t<category domain=\"nav_menu\" nicename=\"main\"><![CDATA[Main]]></category>\n", meta=meta)
        self.count["menu_items"] += 1

    # --- bodies ---------------------------------------------------------

    def inline(self, text):
        """Sprinkles emphasis and links over a run of sentences."""
        r = self.rng
        words = text.split(" ")
        for _ in range(r.randint(0, 3)):
            i = r.randrange(len(words))
            roll = r.random()
            if roll < 0.3:
                words[i] = f"<strong>{words[i]}</strong>"
            elif roll < 0.5:
                words[i] = f"<em>{words[i]}</em>"
            elif roll < 0.8 and self.published:
                post_id, link = r.choice(self.published[-500:])
                href = r.choice([link, link.replace(SITE, r.choice(HOSTS)), f"{SITE}/?p={post_id}"])
                words[i] = f'<a href="{href}">{words[i]} {r.choice(NOUNS)}</a>'
            else:
                words[i] = f'<a href="https://{r.choice(["www.nhs.uk", "www.who.int", "pubmed.ncbi.nlm.nih.gov", "example.org"])}/{slugify(r.choice(NOUNS))}/">{words[i]}</a>'
        return " ".join(words)

    def image_url(self, path, ext, size):
        return f"{SITE}/wp-content/uploads/{path}-{size}.{ext}" if size else f"{SITE}/wp-content/uploads/{path}.{ext}"

    def block_body(self, images):
        r, t = self.rng, self.text
        parts = [f"<!-- wp:paragraph -->\n<p>{self.inline(t.sentences(2, 5))}</p>\n<!-- /wp:paragraph -->"]
        images = list(images)
        for _ in range(r.randint(2, 5)):
            parts.append(f'<!-- wp:heading -->\n<h2 class="wp-block-heading">{t.title()}</h2>\n<!-- /wp:heading -->')
            for _ in range(r.randint(1, 3)):
                parts.append(f"<!-- wp:paragraph -->\n<p>{self.inline(t.sentences(2, 6))}</p>\n<!-- /wp:paragraph -->")
            roll = r.random()
            if roll < 0.3:
                ordered = r.random() < 0.4
                tag = "ol" if ordered else "ul"
                items = "".join(f"<li>{self.inline(t.sentence())}</li>" for _ in range(r.randint(3, 6)))
                attrs = ' {"ordered":true}' if ordered else ""
                parts.append(f'<!-- wp:list{attrs} -->\n<{tag} class="wp-block-list">{items}</{tag}>\n<!-- /wp:list -->')
            elif roll < 0.5 and images:
                attachment_id, path, ext = images.pop(0)
                caption = f'<figcaption class="wp-element-caption">{t.sentence()}</figcaption>' if r.random() < 0.6 else ""
                parts.append(f'<!-- wp:image {{"id":{attachment_id},"sizeSlug":"large","linkDestination":"none"}} -->\n'
                             f'<figure class="wp-block-image size-large"><img src="{self.image_url(path, ext, "1024x683")}" alt="{t.sentence().rstrip(".?!")}" '
                             f'class="wp-image-{attachment_id}"/>{caption}</figure>\n<!-- /wp:image -->')
            elif roll < 0.6:
                parts.append(f'<!-- wp:quote -->\n<blockquote class="wp-block-quote"><!-- wp:paragraph -->\n<p>{t.sentences(1, 2)}</p>\n'
                             f'<!-- /wp:paragraph --><cite>{r.choice(AUTHORS)[1]}</cite></blockquote>\n<!-- /wp:quote -->')
            elif roll < 0.65:
                video = f"https://www.youtube.com/watch?v={r.randrange(16 ** 8):08x}"
                parts.append(f'<!-- wp:embed {{"url":"{video}","type":"video","providerNameSlug":"youtube","responsive":true}} -->\n'
                             f'<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube"><div class="wp-block-embed__wrapper">\n'
                             f'{video}\n</div></figure>\n<!-- /wp:embed -->')
            elif roll < 0.68:
                rows = "".join(f"<tr><td>{r.choice(NOUNS)}</td><td>{r.randint(1, 500)}</td></tr>" for _ in range(r.randint(2, 5)))
                parts.append(f'<!-- wp:table -->\n<figure class="wp-block-table"><table><thead><tr><th>What</th><th>Amount</th></tr></thead>'
                             f'<tbody>{rows}</tbody></table></figure>\n<!-- /wp:table -->')
            elif roll < 0.7:
                parts.append("<!-- wp:separator -->\n<hr class=\"wp-block-separator has-alpha-channel-opacity\"/>\n<!-- /wp:separator -->")
        if r.random() < 0.02:
            parts.append(f"<!-- wp:code -->\n<pre class=\"wp-block-code\"><code>if (a[b[0]]&gt;1) {{ }}</code></pre>\n<!-- /wp:code -->")
            parts.append("<!-- wp:paragraph -->\n<p>Arrays such as a[b[0]]> close with ]]> in the text.</p>\n<!-- /wp:paragraph -->")
        parts.append(f"<!-- wp:paragraph -->\n<p>{self.inline(t.sentences(1, 3))}</p>\n<!-- /wp:paragraph -->")
        return "\n\n".join(parts)

    def classic_body(self, images):
        r, t = self.rng, self.text
        parts = []
        images = list(images)
        for _ in range(r.randint(4, 10)):
            roll = r.random()
            if roll < 0.15:
                level = r.choice([2, 2, 3])
                parts.append(f"<h{level}>{t.title()}</h{level}>")
            elif roll < 0.25:
                items = "\n".join(f"\t<li>{self.inline(t.sentence())}</li>" for _ in range(r.randint(3, 6)))
                tag = r.choice(["ul", "ul", "ol"])
                parts.append(f"<{tag}>\n{items}\n</{tag}>")
            elif roll < 0.37 and images:
                attachment_id, path, ext = images.pop(0)
                alt = t.sentence().rstrip(".?!")
                img = (f'<img class="size-medium wp-image-{attachment_id}" src="{self.image_url(path, ext, "300x200")}" alt="{alt}" '
                       f'width="300" height="200" />')
                if r.random() < 0.7:
                    parts.append(f'[caption id="attachment_{attachment_id}" align="align{r.choice(["center", "left", "right", "none"])}" width="300"]'
                                 f'<a href="{self.image_url(path, ext, "")}">{img}</a> {t.sentence()}[/caption]')
                else:
                    parts.append(img.replace('class="', 'class="aligncenter '))
            elif roll < 0.4:
                parts.append(f"https://www.youtube.com/watch?v={r.randrange(16 ** 8):08x}")
            else:
                lines = [self.inline(t.sentences(1, 4)) for _ in range(r.choice([1, 1, 1, 2]))]
                text = "\n".join(lines)
                if r.random() < 0.1:
                    text = text.replace(" ", "&nbsp;", 1)
                if r.random() < 0.1:
                    text += " Salt &amp; sugar add up."
                parts.append(text)
        return "\n\n".join(parts)

    # --- comments -------------------------------------------------------

    def comment_items(self, moment, count, author_n):
        r, t = self.rng, self.text
        out = []
        earlier = []
        when = moment
        for _ in range(count):
            comment_id = self.next_comment
            self.next_comment += 1
            when = when + datetime.timedelta(minutes=r.randint(5, 60 * 24 * 20))
            roll = r.random()
            kind, approved = "comment", "1"
            if roll < 0.025:
                kind = "pingback"
            elif roll < 0.03:
                kind = "trackback"
            elif roll < 0.09:
                approved = "0"
            elif roll < 0.11:
                approved = "spam"
            elif roll < 0.12:
                approved = "trash"
            parent, user_id = 0, 0
            if kind == "comment" and earlier and r.random() < 0.35:
                parent = r.choice(earlier)
                if r.random() < 0.3:
                    user_id = author_n + 1
            if kind == "comment":
                if user_id:
                    name, email, url = AUTHORS[author_n][1], f"{AUTHORS[author_n][0]}@dailyvital.example", SITE
                else:
                    first = r.choice(["Anna", "Ben", "Chloé", "Dev", "Emeka", "Fatima", "Greg", "Hana", "Ivan", "Jo", "Kai", "Lena", "María", "Noor"])
                    name = first + r.choice(["", " " + r.choice("ABCDEFGHJKLMNPRSTW") + ".", " from Leeds", " M"])
                    email = r.choice([f"{first.lower()}{r.randint(1, 99)}@example.com", f" {first}@Example.org ", f"{first.lower()}.{r.randint(1, 999)}@mail.example"])
                    url = r.choice(["", "", "", f"https://{first.lower()}.example/"])
                text = "\n".join(t.sentences(1, 3) for _ in range(r.choice([1, 1, 1, 2, 3])))
                if r.random() < 0.1:
                    text += f' <a href="https://{r.choice(["example.org", "blog.example"])}/{slugify(r.choice(NOUNS))}" rel="nofollow ugc">more here</a>'
                if approved == "spam":
                    name, text, url = "Best Pills Online", "Buy cheap pills <a href=\"http://spam.example/\">here</a>", "http://spam.example/"
            else:
                name = f"{r.choice(NOUNS).title()} Weekly"
                email, url = "", f"https://{slugify(name)}.example/{when:%Y/%m}/roundup/"
                text = f"[&#8230;] {t.sentence()} [&#8230;]"
            if kind == "comment" and approved in ("0", "1"):
                earlier.append(comment_id)
            meta = ""
            if r.random() < 0.3:
                history = f'a:3:{{s:4:"time";d:{int(when.timestamp())}.5;s:5:"event";s:9:"check-ham";s:4:"user";s:0:"";}}'
                meta = (f"\t\t\t<wp:commentmeta>\n\t\t\t\t<wp:meta_key>{cdata('akismet_result')}</wp:meta_key>\n\t\t\t\t<wp:meta_value>{cdata('false')}</wp:meta_value>\n\t\t\t</wp:commentmeta>\n"
                        f"\t\t\t<wp:commentmeta>\n\t\t\t\t<wp:meta_key>{cdata('akismet_history')}</wp:meta_key>\n\t\t\t\t"
                        f"<wp:meta_value>{cdata(history)}</wp:meta_value>\n\t\t\t</wp:commentmeta>\n")
            out.append(
                f"\t\t<wp:comment>\n\t\t\t<wp:comment_id>{comment_id}</wp:comment_id>\n\t\t\t<wp:comment_author>{cdata(name)}</wp:comment_author>\n"
                f"\t\t\t<wp:comment_author_email>{cdata(email)}</wp:comment_author_email>\n\t\t\t<wp:comment_author_url>{escape(url)}</wp:comment_author_url>\n"
                f"\t\t\t<wp:comment_author_IP>{cdata(f'198.51.100.{r.randint(1, 254)}')}</wp:comment_author_IP>\n"
                f"\t\t\t<wp:comment_date>{cdata(stamp(local(when)))}</wp:comment_date>\n\t\t\t<wp:comment_date_gmt>{cdata(stamp(when))}</wp:comment_date_gmt>\n"
                f"\t\t\t<wp:comment_content>{cdata(text)}</wp:comment_content>\n\t\t\t<wp:comment_approved>{cdata(approved)}</wp:comment_approved>\n"
                f"\t\t\t<wp:comment_type>{cdata(kind)}</wp:comment_type>\n\t\t\t<wp:comment_parent>{parent}</wp:comment_parent>\n"
                f"\t\t\t<wp:comment_user_id>{user_id}</wp:comment_user_id>\n{meta}\t\t</wp:comment>\n")
            self.count["comments"] += 1
        return "".join(out)


def main():
    out, posts, comments = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    with open(out, "w", encoding="utf-8") as f:
        count = Export(f, posts, comments, seed).write()
    count["bytes"] = os.path.getsize(out)
    print(json.dumps(count))


if __name__ == "__main__":
    main()
