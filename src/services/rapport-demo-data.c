/* rapport-demo-data.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-demo-data"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rapport-customer-code.h"
#include "rapport-demo-data.h"
#include "rapport-store.h"

/* Rows per transaction: a sixteenth of the whole, within these bounds. Each
 * commit has FTS5 write out its pending terms as a new segment, to be merged
 * later, so a big load wants few commits; a cancellation loses only the chunk
 * it lands in. Cancellation and progress are checked inside the chunk. */
#define MIN_CHUNK_ROWS  10000
#define MAX_CHUNK_ROWS  200000
#define PROGRESS_ROWS   1000
/* Rows are made in one thread and written in another, handed over in batches;
 * at most BATCHES_AHEAD of them wait, which bounds the memory. */
#define BATCH_ROWS      500
#define BATCHES_AHEAD   8
#define CANCEL_ROWS     256
#define TWO_YEARS       (2 * 365 * 24 * 60 * 60)

typedef struct
{
  const char *name;
  const char *pinyin;
} Word;

typedef struct
{
  const char *city;
  const char *province;
  const char *area_code;
  const char *district;
} City;

typedef struct
{
  const char *name;
  const char *country;
  const char *dial;  /* country code and area code, E.164 without "+" */
} Town;

static const City cities[] = {
  { "苏州", "江苏", "512", "工业园区" }, { "上海", "上海", "21", "浦东新区" },
  { "杭州", "浙江", "571", "西湖区" }, { "无锡", "江苏", "510", "滨湖区" },
  { "南京", "江苏", "25", "鼓楼区" }, { "宁波", "浙江", "574", "鄞州区" },
  { "常州", "江苏", "519", "武进区" }, { "广州", "广东", "20", "天河区" },
  { "深圳", "广东", "755", "南山区" }, { "成都", "四川", "28", "武侯区" },
  { "武汉", "湖北", "27", "江汉区" }, { "青岛", "山东", "532", "市南区" },
  { "厦门", "福建", "592", "思明区" }, { "佛山", "广东", "757", "南海区" },
  { "东莞", "广东", "769", "南城区" }, { "合肥", "安徽", "551", "蜀山区" },
  { "天津", "天津", "22", "和平区" }, { "北京", "北京", "10", "朝阳区" },
  { "重庆", "重庆", "23", "渝中区" }, { "西安", "陕西", "29", "雁塔区" },
  { "昆山", "江苏", "512", "玉山镇" }, { "嘉兴", "浙江", "573", "南湖区" },
  { "绍兴", "浙江", "575", "越城区" }, { "温州", "浙江", "577", "鹿城区" },
};

static const Word brand_first[] = {
  { "速", "su" }, { "华", "hua" }, { "金", "jin" }, { "鑫", "xin" }, { "恒", "heng" },
  { "盛", "sheng" }, { "宏", "hong" }, { "永", "yong" }, { "新", "xin" }, { "隆", "long" },
  { "瑞", "rui" }, { "德", "de" }, { "嘉", "jia" }, { "泰", "tai" }, { "安", "an" },
  { "顺", "shun" }, { "利", "li" }, { "达", "da" }, { "鸿", "hong" }, { "兴", "xing" },
  { "富", "fu" }, { "康", "kang" }, { "明", "ming" }, { "佳", "jia" }, { "诚", "cheng" },
  { "信", "xin" }, { "汇", "hui" }, { "通", "tong" }, { "博", "bo" }, { "创", "chuang" },
  { "天", "tian" }, { "东", "dong" }, { "中", "zhong" }, { "正", "zheng" }, { "万", "wan" },
};

static const Word brand_second[] = {
  { "阳", "yang" }, { "丰", "feng" }, { "源", "yuan" }, { "达", "da" }, { "昌", "chang" },
  { "发", "fa" }, { "凯", "kai" }, { "宇", "yu" }, { "辉", "hui" }, { "鹏", "peng" },
  { "升", "sheng" }, { "远", "yuan" }, { "耀", "yao" }, { "祥", "xiang" }, { "和", "he" },
  { "星", "xing" }, { "峰", "feng" }, { "业", "ye" }, { "邦", "bang" }, { "成", "cheng" },
  { "晟", "sheng" }, { "林", "lin" }, { "海", "hai" }, { "美", "mei" }, { "益", "yi" },
};

/* Chinese industry in the name, the "industry" field, and a short Latin tag for
 * e-mail domains. */
static const struct {
  const char *in_name;
  const char *industry;
  const char *abbrev;
} cn_industries[] = {
  { "建材", "建材", "jc" }, { "装饰", "装修装饰", "zs" }, { "五金", "五金", "wj" },
  { "电器", "家电", "dq" }, { "家具", "家具", "jj" }, { "建筑工程", "建筑", "jz" },
  { "贸易", "贸易", "my" }, { "科技", "科技", "kj" }, { "陶瓷", "陶瓷", "tc" },
  { "涂料", "涂料", "tl" }, { "门窗", "门窗", "mc" }, { "卫浴", "卫浴", "wy" },
  { "照明", "照明", "zm" }, { "物流", "物流", "wl" }, { "食品", "食品", "sp" },
};

static const char * const cn_suffixes[] = {
  "有限公司", "有限公司", "有限公司", "有限公司", "有限公司", "商行", "店", "经营部",
};

/* Surnames with their surname reading, polyphonic ones included. */
static const Word surnames[] = {
  { "王", "wang" }, { "李", "li" }, { "张", "zhang" }, { "刘", "liu" }, { "陈", "chen" },
  { "杨", "yang" }, { "黄", "huang" }, { "赵", "zhao" }, { "吴", "wu" }, { "周", "zhou" },
  { "徐", "xu" }, { "孙", "sun" }, { "马", "ma" }, { "朱", "zhu" }, { "胡", "hu" },
  { "郭", "guo" }, { "何", "he" }, { "林", "lin" }, { "罗", "luo" }, { "高", "gao" },
  { "郑", "zheng" }, { "梁", "liang" }, { "谢", "xie" }, { "宋", "song" }, { "唐", "tang" },
  { "许", "xu" }, { "韩", "han" }, { "冯", "feng" }, { "邓", "deng" }, { "曹", "cao" },
  { "彭", "peng" }, { "曾", "zeng" }, { "田", "tian" }, { "董", "dong" }, { "潘", "pan" },
  { "袁", "yuan" }, { "蔡", "cai" }, { "蒋", "jiang" }, { "余", "yu" }, { "杜", "du" },
  { "叶", "ye" }, { "程", "cheng" }, { "魏", "wei" }, { "苏", "su" }, { "吕", "lv" },
  { "沈", "shen" }, { "姚", "yao" }, { "陆", "lu" }, { "顾", "gu" }, { "钱", "qian" },
  { "单", "shan" }, { "解", "xie" }, { "仇", "qiu" }, { "朴", "piao" }, { "区", "ou" },
  { "查", "zha" }, { "乐", "yue" },
};

static const Word given_names[] = {
  { "伟", "wei" }, { "芳", "fang" }, { "娜", "na" }, { "敏", "min" }, { "静", "jing" },
  { "丽", "li" }, { "强", "qiang" }, { "磊", "lei" }, { "军", "jun" }, { "洋", "yang" },
  { "勇", "yong" }, { "艳", "yan" }, { "杰", "jie" }, { "娟", "juan" }, { "涛", "tao" },
  { "明", "ming" }, { "超", "chao" }, { "秀英", "xiuying" }, { "霞", "xia" }, { "平", "ping" },
  { "刚", "gang" }, { "桂英", "guiying" }, { "建国", "jianguo" }, { "志强", "zhiqiang" },
  { "晓东", "xiaodong" }, { "海燕", "haiyan" }, { "丹", "dan" }, { "玲", "ling" },
  { "红", "hong" }, { "斌", "bin" }, { "宇", "yu" }, { "浩", "hao" }, { "凯", "kai" },
  { "鹏", "peng" }, { "婷", "ting" }, { "雪", "xue" }, { "琳", "lin" }, { "晨", "chen" },
  { "欣怡", "xinyi" }, { "子涵", "zihan" }, { "建华", "jianhua" }, { "文博", "wenbo" },
};

static const char * const en_words[] = {
  "Acme", "Lakeside", "Northwind", "Blue Harbor", "Summit", "Greenfield", "Riverside",
  "Oakwood", "Silverline", "Redstone", "Pinecrest", "Brightway", "Maple", "Evergreen",
  "Golden Gate", "Westbrook", "Sunrise", "Crescent", "Highland", "Bluebird", "Ironbridge",
  "Stonegate", "Willow", "Harbourview", "Fairview",
};

static const struct {
  const char *word;
  const char *industry;
} en_trades[] = {
  { "Trading", "Trade" }, { "Bakery", "Food" }, { "Supplies", "Wholesale" },
  { "Hardware", "Hardware" }, { "Interiors", "Interior design" }, { "Logistics", "Logistics" },
  { "Builders", "Construction" }, { "Electric", "Electrical" }, { "Furniture", "Furniture" },
  { "Imports", "Trade" }, { "Ceramics", "Ceramics" }, { "Foods", "Food" },
  { "Design", "Interior design" }, { "Consulting", "Consulting" }, { "Tiles", "Building materials" },
  { "Lighting", "Lighting" },
};

static const char * const en_company_suffixes[] = { "", "", " Ltd", " GmbH", " Co.", " LLC", " Inc." };

static const char * const en_first_names[] = {
  "Anna", "James", "Maria", "Peter", "Laura", "Thomas", "Emma", "Oliver", "Sophie", "Lucas",
  "Julia", "Daniel", "Sarah", "Michael", "Eva", "David", "Lena", "Paul", "Claire", "Mark",
  "Hannah", "Jonas", "Chloé", "Mateo", "Zoë",
};

static const char * const en_last_names[] = {
  "Schmidt", "Miller", "Johnson", "Brown", "Müller", "Garcia", "Rossi", "Dubois", "Novak",
  "Kowalski", "Jensen", "Smith", "Taylor", "Wilson", "Meyer", "Fischer", "Weber", "Martin",
  "Clark", "Lewis", "O'Brien", "Nguyen",
};

static const Town towns[] = {
  { "Berlin", "Germany", "4930" }, { "Munich", "Germany", "4989" },
  { "Hamburg", "Germany", "4940" }, { "London", "United Kingdom", "4420" },
  { "Manchester", "United Kingdom", "44161" }, { "San Francisco", "United States", "1415" },
  { "New York", "United States", "1212" }, { "Toronto", "Canada", "1416" },
  { "Paris", "France", "331" }, { "Milan", "Italy", "3902" }, { "Vienna", "Austria", "431" },
  { "Singapore", "Singapore", "65" },
};

static const char * const en_streets[] = {
  "Harbor Road", "Main Street", "Station Road", "Mill Lane", "King Street", "Park Avenue",
  "Bahnhofstraße", "Market Square", "Church Street", "Bridge Road",
};

static const char * const cn_roads[] = {
  "星湖街", "人民路", "解放路", "建设路", "中山路", "长江路", "和平路", "新华路", "工业大道", "滨江大道",
};

static const char * const cn_mobile_prefixes[] = {
  "138", "139", "137", "136", "135", "150", "151", "152", "158", "159",
  "186", "187", "188", "189", "133", "153", "180", "181", "177", "199",
};

static const char * const cn_titles[] = {
  "经理", "总经理", "采购", "采购经理", "老板", "财务", "销售主管", "设计师", "项目经理", "店长", "会计",
};

static const char * const en_titles[] = {
  "Purchasing Manager", "Owner", "CEO", "Sales Director", "Office Manager", "Accountant",
  "Buyer", "Project Manager", "Head of Operations",
};

static const char * const cn_tags[] = { "VIP", "装修", "批发", "零售", "老客户", "工程", "设计师推荐", "展会" };
static const char * const en_tags[] = { "VIP", "Wholesale", "Retail", "Trade fair", "Referral", "Key account" };
static const char * const cn_sources[] = { "展会", "转介绍", "网络推广", "老客户介绍", "电话开发", "门店" };
static const char * const en_sources[] = { "Trade fair", "Referral", "Website", "Cold call", "LinkedIn" };
static const char * const cn_mail_domains[] = { "163.com", "qq.com", "126.com", "sina.com", "foxmail.com" };
static const char * const en_mail_domains[] = { "gmail.com", "outlook.com", "web.de", "yahoo.com", "proton.me" };

static const char * const cn_products[] = { "瓷砖", "地板", "涂料", "卫浴", "门窗", "灯具", "五金件", "石材", "橱柜" };
static const char * const en_products[] = { "tiles", "flooring", "paint", "fittings", "windows", "lighting", "hardware", "worktops" };

/* Summaries per interaction kind, %s a product. */
static const char * const cn_summaries[][4] = {
  [RAPPORT_INTERACTION_KIND_CALL] = { "电话沟通%s报价", "回访：%s使用情况", "电话确认%s送货时间", "来电咨询%s库存" },
  [RAPPORT_INTERACTION_KIND_VISIT] = { "上门拜访，介绍新款%s", "到店看%s样品", "工地现场查看%s安装", "拜访老板，聊%s年度需求" },
  [RAPPORT_INTERACTION_KIND_MEETING] = { "约见采购，讨论年度%s采购计划", "项目会：%s方案评审", "展会洽谈%s合作", "商谈%s价格和账期" },
  [RAPPORT_INTERACTION_KIND_EMAIL] = { "发送%s样品图册", "邮件报价：%s", "寄送%s合同草稿", "回复%s质量问题" },
  [RAPPORT_INTERACTION_KIND_SMS] = { "短信问候，确认%s到货", "短信发送%s优惠信息", "节日问候（附%s新品）", "短信提醒%s付款" },
  [RAPPORT_INTERACTION_KIND_NOTE] = { "备注：偏好%s周五送货", "客户反馈%s质量问题，已安排售后", "备注：%s需开增值税专票", "老板换人，%s采购改由新经理负责" },
};

static const char * const en_summaries[][4] = {
  [RAPPORT_INTERACTION_KIND_CALL] = { "Called about the %s quote", "Follow-up call on %s delivery", "They called asking for %s stock", "Checked how the new %s works out" },
  [RAPPORT_INTERACTION_KIND_VISIT] = { "Visited the showroom, showed the new %s range", "Site visit: %s installation", "Dropped by with %s samples", "Visited the owner about %s needs" },
  [RAPPORT_INTERACTION_KIND_MEETING] = { "Meeting on the annual %s purchasing plan", "Project review: %s proposal", "Trade fair talk about %s", "Negotiated %s prices and payment terms" },
  [RAPPORT_INTERACTION_KIND_EMAIL] = { "Sent the %s catalogue", "E-mailed a quote for %s", "Sent the %s contract draft", "Answered a complaint about %s" },
  [RAPPORT_INTERACTION_KIND_SMS] = { "SMS: %s delivery confirmed", "SMS: %s offer of the month", "Season's greetings with the new %s", "SMS reminder: %s invoice due" },
  [RAPPORT_INTERACTION_KIND_NOTE] = { "Note: prefers %s deliveries on Fridays", "Note: unhappy with the last %s batch", "Note: needs a VAT invoice for %s", "Note: new buyer in charge of %s" },
};

static const char * const cn_outcomes[] = { "已报价", "待回复", "成交", "需跟进", "已解决", "" };
static const char * const en_outcomes[] = { "Quote sent", "Awaiting reply", "Order placed", "Follow up next week", "Resolved", "" };
static const char * const cn_details[] = {
  "客户对价格比较敏感，希望月底前给出最终报价。",
  "对方提到竞争对手报价低 5%，需要和老板商量折扣。",
  "已约下周三再去现场，带上新样品。",
  "送货地址改为新仓库，记得通知物流。",
};
static const char * const en_details[] = {
  "Price-sensitive; wants a final offer before the end of the month.",
  "A competitor quoted 5% less; discuss a discount with the boss.",
  "Booked another visit for next Wednesday, bring new samples.",
  "Delivery address changed to the new warehouse; tell the carrier.",
};

typedef enum
{
  PHASE_CUSTOMERS,
  PHASE_CONTACTS,
  PHASE_INTERACTIONS,
  PHASE_ORDERS,
  PHASE_DONE,
} Phase;

typedef enum
{
  STYLE_CN_COMPANY,
  STYLE_CN_PERSON,
  STYLE_EN_COMPANY,
  STYLE_EN_PERSON,
} Style;

/* Rows of one kind come customer by customer: each customer's rows are
 * contiguous, so inserts touch the tables and indexes in order instead of all
 * over the file. */
typedef struct
{
  GArray *counts;       /* guint per customer */
  guint   customer;     /* whose rows come next */
  guint   of_customer;  /* how many of them are done */
} Cursor;

/* One row made, to be written: the object, and which customer (and contact,
 * for interactions) it belongs to, as indexes into the ids written so far. */
typedef struct
{
  Phase     phase;
  GObject  *object;
  guint     customer;
  guint     contact;   /* G_MAXUINT: none */
} Row;

typedef struct
{
  RapportDatabase        *db;
  const RapportDemoSize  *size;
  GRand                  *rand;
  GCancellable           *cancellable;
  RapportProgressFunc     progress;
  gpointer                progress_data;
  gint64                  now;

  guint64                 done;
  guint64                 total;
  guint                   chunk_rows;

  /* Between the threads: batches (GArray of Row) made, and one token per
   * batch that may still be made; stop asks the maker to finish early. */
  GAsyncQueue            *batches;
  GAsyncQueue            *slots;
  gint                    stop;

  /* The writer's: the batch being written, whether the last one came, ids
   * written, in order, and whether the store proposes codes. */
  GArray                 *batch;
  guint                   batch_pos;
  gboolean                finished;
  GArray                 *customer_ids;     /* gint64 */
  GArray                 *contact_ids;      /* gint64 */
  gboolean                store_codes;

  /* The maker's, with rand: where it is, and per customer, in order. */
  Phase                   phase;
  guint                   index;   /* within the phase */
  guint                   n_customers;
  GArray                 *customer_styles;  /* guint8 Style */
  GArray                 *customer_domains; /* char *, owned; e-mail domain of companies */
  GArray                 *contact_offsets;  /* guint, into contact_ids */
  Cursor                  contacts;
  Cursor                  interactions;
  Cursor                  orders;
  /* Code prefix → last number given, when the database started empty; NULL
   * when the store proposes the codes. */
  GHashTable             *code_numbers;
} Filler;

#define PICK(f, array) ((array)[g_rand_int_range ((f)->rand, 0, G_N_ELEMENTS (array))])

/* Helpers */

static gboolean
chance (Filler *f,
        double  p)
{
  return g_rand_double (f->rand) < p;
}

static char *
random_digits (Filler *f,
               guint   n)
{
  char *s = g_new (char, n + 1);

  for (guint i = 0; i < n; i++)
    s[i] = '0' + g_rand_int_range (f->rand, 0, 10);
  s[n] = '\0';

  return s;
}

/* Lower-case ASCII letters of @word only, for e-mail addresses and domains. */
static char *
latin_slug (const char *word)
{
  GString *slug = g_string_new (NULL);

  for (const char *p = word; *p != '\0'; p++)
    if (g_ascii_isalpha (*p))
      g_string_append_c (slug, g_ascii_tolower (*p));

  if (slug->len == 0)
    g_string_append (slug, "mail");

  return g_string_free (slug, FALSE);
}

static char *
cn_mobile (Filler *f)
{
  g_autofree char *rest = random_digits (f, 8);

  return g_strconcat ("+86", PICK (f, cn_mobile_prefixes), rest, NULL);
}

static char *
cn_landline (Filler     *f,
             const City *city)
{
  /* Two-digit area codes have eight-digit numbers; three-digit ones too in big
   * cities, seven in a few places: eight keeps it simple and valid. */
  g_autofree char *number = random_digits (f, 8);
  char *phone;

  number[0] = '2' + g_rand_int_range (f->rand, 0, 7);
  if (chance (f, 0.25))
    phone = g_strdup_printf ("+86%s%s;ext=%d", city->area_code, number, g_rand_int_range (f->rand, 100, 1000));
  else
    phone = g_strdup_printf ("+86%s%s", city->area_code, number);

  return phone;
}

static char *
en_phone (Filler     *f,
          const Town *town)
{
  g_autofree char *number = random_digits (f, 7);

  number[0] = '2' + g_rand_int_range (f->rand, 0, 7);

  return g_strdup_printf ("+%s%s", town->dial, number);
}

/* The local calendar date of @seconds, as orders store it. */
static char *
format_date (gint64 seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (seconds);

  return g_date_time_format (dt, "%Y-%m-%d");
}

static char *
random_birthday (Filler *f)
{
  return g_strdup_printf ("%04d-%02d-%02d",
                          g_rand_int_range (f->rand, 1955, 2001),
                          g_rand_int_range (f->rand, 1, 13),
                          g_rand_int_range (f->rand, 1, 29));
}

static void
pick_tags (Filler             *f,
           gboolean            chinese,
           const char        **tags,
           guint               max)
{
  guint n = 0;
  guint want = g_rand_int_range (f->rand, 0, max + 1);

  for (guint i = 0; i < want; i++)
    {
      const char *tag = chinese ? PICK (f, cn_tags) : PICK (f, en_tags);
      gboolean seen = FALSE;

      for (guint j = 0; j < n; j++)
        seen |= g_str_equal (tags[j], tag);
      if (!seen)
        tags[n++] = tag;
    }

  tags[n] = NULL;
}

static RapportStage
pick_stage (Filler *f)
{
  double r = g_rand_double (f->rand);

  if (r < 0.5)
    return RAPPORT_STAGE_ACTIVE;
  if (r < 0.7)
    return RAPPORT_STAGE_PROSPECT;
  if (r < 0.9)
    return RAPPORT_STAGE_DORMANT;
  return RAPPORT_STAGE_LOST;
}

static guint
pick_customer (Filler *f)
{
  guint n = f->n_customers;
  double r = g_rand_double (f->rand);

  /* A few customers get most of the attention, as in any real book. */
  if (chance (f, 0.5))
    r = r * r;

  return MIN ((guint) (r * n), n - 1);
}

/* Spreads @n rows over the customers: uniformly, or with a few customers
 * getting most of them (@skewed), as interactions and orders do in a real book. */
static void
cursor_plan (Filler *f,
             Cursor *cursor,
             guint   n,
             gboolean skewed)
{
  guint n_customers = f->n_customers;

  g_array_set_size (cursor->counts, n_customers);
  cursor->customer = 0;
  cursor->of_customer = 0;

  if (n_customers == 0)
    return;

  for (guint i = 0; i < n; i++)
    {
      guint customer;

      if (skewed)
        customer = pick_customer (f);
      else
        customer = g_rand_int_range (f->rand, 0, n_customers);

      g_array_index (cursor->counts, guint, customer)++;
    }
}

/* The customer of the next row; the caller counts the row in of_customer. */
static guint
cursor_next (Cursor *cursor)
{
  while (cursor->of_customer >= g_array_index (cursor->counts, guint, cursor->customer))
    {
      cursor->customer++;
      cursor->of_customer = 0;
    }

  return cursor->customer;
}

/* Rows */

static void
make_customer (Filler *f,
               Row    *row)
{
  g_autoptr(RapportCustomer) customer = rapport_customer_new ();
  g_autofree char *name = NULL;
  g_autofree char *address = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *mobile = NULL;
  g_autofree char *email = NULL;
  g_autofree char *website = NULL;
  g_autofree char *region = NULL;
  char *domain = NULL;
  const char *phones[3] = { NULL, };
  const char *emails[2] = { NULL, };
  const char *tags[4];
  const char *industry = NULL;
  const char *source;
  double r = g_rand_double (f->rand);
  Style style;
  guint8 style_byte;

  /* About half Chinese companies, the rest Chinese people and Western
   * companies and people. */
  style = r < 0.45 ? STYLE_CN_COMPANY : r < 0.55 ? STYLE_CN_PERSON : r < 0.85 ? STYLE_EN_COMPANY : STYLE_EN_PERSON;

  if (style == STYLE_CN_COMPANY || style == STYLE_CN_PERSON)
    {
      const City *city = &PICK (f, cities);

      region = g_strdup_printf ("%s %s", city->province, city->city);
      address = g_strdup_printf ("%s市%s%s%d号", city->city, city->district,
                                 PICK (f, cn_roads), g_rand_int_range (f->rand, 1, 999));
      source = PICK (f, cn_sources);

      if (style == STYLE_CN_COMPANY)
        {
          const Word *a = &PICK (f, brand_first);
          const Word *b = &PICK (f, brand_second);
          guint ind = g_rand_int_range (f->rand, 0, G_N_ELEMENTS (cn_industries));

          name = g_strconcat (chance (f, 0.8) ? city->city : "", a->name, b->name,
                              cn_industries[ind].in_name, PICK (f, cn_suffixes), NULL);
          industry = cn_industries[ind].industry;
          domain = g_strdup_printf ("%s%s-%s.com", a->pinyin, b->pinyin, cn_industries[ind].abbrev);
          phone = cn_landline (f, city);
          email = g_strdup_printf ("%s@%s", chance (f, 0.5) ? "sales" : "info", domain);
          if (chance (f, 0.4))
            website = g_strdup_printf ("https://www.%s", domain);
        }
      else
        {
          const Word *s = &PICK (f, surnames);
          const Word *g = &PICK (f, given_names);

          name = g_strconcat (s->name, g->name, NULL);
          mobile = cn_mobile (f);
          if (chance (f, 0.5))
            email = g_strdup_printf ("%s%s%d@%s", s->pinyin, g->pinyin,
                                     g_rand_int_range (f->rand, 1, 99), PICK (f, cn_mail_domains));
        }
    }
  else
    {
      const Town *town = &PICK (f, towns);

      region = g_strdup_printf ("%s, %s", town->name, town->country);
      address = g_strdup_printf ("%d %s, %s", g_rand_int_range (f->rand, 1, 200),
                                 PICK (f, en_streets), town->name);
      source = PICK (f, en_sources);
      phone = en_phone (f, town);

      if (style == STYLE_EN_COMPANY)
        {
          const char *word = PICK (f, en_words);
          guint trade = g_rand_int_range (f->rand, 0, G_N_ELEMENTS (en_trades));
          g_autofree char *slug = latin_slug (word);
          g_autofree char *trade_slug = latin_slug (en_trades[trade].word);

          name = g_strconcat (word, " ", en_trades[trade].word, PICK (f, en_company_suffixes), NULL);
          industry = en_trades[trade].industry;
          domain = g_strdup_printf ("%s%s.com", slug, trade_slug);
          email = g_strdup_printf ("%s@%s", chance (f, 0.5) ? "hello" : "orders", domain);
          if (chance (f, 0.6))
            website = g_strdup_printf ("https://%s", domain);
        }
      else
        {
          const char *first = PICK (f, en_first_names);
          const char *last = PICK (f, en_last_names);
          g_autofree char *first_down = latin_slug (first);

          name = g_strconcat (first, " ", last, NULL);
          if (chance (f, 0.7))
            email = g_strdup_printf ("%s%d@%s", first_down, g_rand_int_range (f->rand, 1, 999),
                                     PICK (f, en_mail_domains));
        }
    }

  if (phone != NULL)
    phones[0] = phone;
  if (mobile != NULL)
    phones[phone != NULL ? 1 : 0] = mobile;
  emails[0] = email;

  pick_tags (f, style == STYLE_CN_COMPANY || style == STYLE_CN_PERSON, tags, 3);

  rapport_customer_set_name (customer, name);
  rapport_customer_set_kind (customer,
                             style == STYLE_CN_COMPANY || style == STYLE_EN_COMPANY
                             ? RAPPORT_CUSTOMER_KIND_COMPANY : RAPPORT_CUSTOMER_KIND_PERSON);
  rapport_customer_set_stage (customer, pick_stage (f));
  rapport_customer_set_source (customer, source);
  rapport_customer_set_industry (customer, industry);
  rapport_customer_set_region (customer, region);
  rapport_customer_set_address (customer, address);
  rapport_customer_set_phones (customer, phones);
  rapport_customer_set_emails (customer, emails);
  rapport_customer_set_website (customer, website);
  rapport_customer_set_tags (customer, tags);
  if ((style == STYLE_CN_PERSON || style == STYLE_EN_PERSON) && chance (f, 0.4))
    {
      g_autofree char *birthday = random_birthday (f);

      rapport_customer_set_birthday (customer, birthday);
      rapport_customer_set_birthday_lunar (customer, style == STYLE_CN_PERSON && chance (f, 0.5));
    }
  if (chance (f, 0.1))
    rapport_customer_set_notes (customer,
                                style == STYLE_EN_COMPANY || style == STYLE_EN_PERSON
                                ? "Pays on time. Prefers e-mail over calls."
                                : "付款及时，喜欢微信联系。");

  /* Numbering codes here saves the store a search for the highest number of
   * the prefix on every insert; it gives the same codes on an empty database. */
  if (f->code_numbers != NULL)
    {
      g_autofree char *prefix = rapport_customer_code_prefix (name);
      g_autofree char *code = NULL;
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (f->code_numbers, prefix)) + 1;

      code = rapport_customer_code_format (prefix, n);
      rapport_customer_set_code (customer, code);
      g_hash_table_insert (f->code_numbers, g_steal_pointer (&prefix), GUINT_TO_POINTER (n));
    }

  style_byte = style;
  g_array_append_val (f->customer_styles, style_byte);
  g_array_append_val (f->customer_domains, domain);

  row->object = G_OBJECT (g_steal_pointer (&customer));
  row->customer = f->n_customers++;
}

static void
make_contact (Filler *f,
              Row    *row)
{
  g_autoptr(RapportContact) contact = rapport_contact_new ();
  g_autofree char *name = NULL;
  g_autofree char *mobile = NULL;
  g_autofree char *email = NULL;
  const char *phones[2] = { NULL, };
  const char *emails[2] = { NULL, };
  const char *domain;
  guint customer;
  Style style;

  customer = cursor_next (&f->contacts);
  style = g_array_index (f->customer_styles, guint8, customer);
  domain = g_array_index (f->customer_domains, char *, customer);

  if (style == STYLE_CN_COMPANY || style == STYLE_CN_PERSON)
    {
      const Word *s = &PICK (f, surnames);
      const Word *g = &PICK (f, given_names);

      name = g_strconcat (s->name, g->name, NULL);
      rapport_contact_set_title (contact, PICK (f, cn_titles));
      mobile = cn_mobile (f);
      if (domain != NULL && chance (f, 0.6))
        email = g_strdup_printf ("%s.%s@%s", g->pinyin, s->pinyin, domain);
      else if (chance (f, 0.4))
        email = g_strdup_printf ("%s@qq.com", mobile + 5);
    }
  else
    {
      const char *first = PICK (f, en_first_names);
      const char *last = PICK (f, en_last_names);
      const Town *town = &PICK (f, towns);

      name = g_strconcat (first, " ", last, NULL);
      rapport_contact_set_title (contact, PICK (f, en_titles));
      mobile = en_phone (f, town);
      if (chance (f, 0.8))
        {
          g_autofree char *first_down = latin_slug (first);
          g_autofree char *last_down = latin_slug (last);

          email = g_strdup_printf ("%s.%s@%s", first_down, last_down,
                                   domain != NULL ? domain : PICK (f, en_mail_domains));
        }
    }

  phones[0] = mobile;
  emails[0] = email;

  rapport_contact_set_name (contact, name);
  rapport_contact_set_phones (contact, phones);
  rapport_contact_set_emails (contact, emails);
  rapport_contact_set_is_primary (contact, f->contacts.of_customer == 0);
  if (chance (f, 0.2))
    {
      g_autofree char *birthday = random_birthday (f);

      rapport_contact_set_birthday (contact, birthday);
    }

  row->object = G_OBJECT (g_steal_pointer (&contact));
  row->customer = customer;
  f->contacts.of_customer++;
}

static void
make_interaction (Filler *f,
                  Row    *row)
{
  g_autoptr(RapportInteraction) interaction = rapport_interaction_new ();
  g_autofree char *summary = NULL;
  guint customer = cursor_next (&f->interactions);
  guint n_contacts = g_array_index (f->contacts.counts, guint, customer);
  Style style = g_array_index (f->customer_styles, guint8, customer);
  gboolean chinese = style == STYLE_CN_COMPANY || style == STYLE_CN_PERSON;
  RapportInteractionKind kind;
  double r = g_rand_double (f->rand);

  kind = r < 0.35 ? RAPPORT_INTERACTION_KIND_CALL :
         r < 0.5 ? RAPPORT_INTERACTION_KIND_VISIT :
         r < 0.6 ? RAPPORT_INTERACTION_KIND_MEETING :
         r < 0.75 ? RAPPORT_INTERACTION_KIND_EMAIL :
         r < 0.88 ? RAPPORT_INTERACTION_KIND_SMS : RAPPORT_INTERACTION_KIND_NOTE;

  /* Built with a fixed template table: the format strings are ours, not data. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  if (chinese)
    summary = g_strdup_printf (cn_summaries[kind][g_rand_int_range (f->rand, 0, 4)], PICK (f, cn_products));
  else
    summary = g_strdup_printf (en_summaries[kind][g_rand_int_range (f->rand, 0, 4)], PICK (f, en_products));
#pragma GCC diagnostic pop

  row->customer = customer;
  if (n_contacts > 0 && chance (f, 0.8))
    row->contact = g_array_index (f->contact_offsets, guint, customer) + g_rand_int_range (f->rand, 0, n_contacts);
  rapport_interaction_set_kind (interaction, kind);
  rapport_interaction_set_occurred_at (interaction, f->now - g_rand_int_range (f->rand, 60, TWO_YEARS));
  rapport_interaction_set_summary (interaction, summary);
  f->interactions.of_customer++;
  if (chance (f, 0.4))
    rapport_interaction_set_details (interaction, chinese ? PICK (f, cn_details) : PICK (f, en_details));
  rapport_interaction_set_outcome (interaction, chinese ? PICK (f, cn_outcomes) : PICK (f, en_outcomes));

  row->object = G_OBJECT (g_steal_pointer (&interaction));
}

static void
make_order (Filler *f,
            Row    *row)
{
  g_autoptr(RapportOrder) order = rapport_order_new ();
  g_autofree char *ordered_on = NULL;
  g_autofree char *description = NULL;
  guint customer = cursor_next (&f->orders);
  Style style = g_array_index (f->customer_styles, guint8, customer);
  gboolean chinese = style == STYLE_CN_COMPANY || style == STYLE_CN_PERSON;
  double r = g_rand_double (f->rand);
  /* Mostly small orders, a few large ones: 50 to about 200,000 in major units. */
  gint64 amount = (gint64) (5000 + r * r * r * 20000000.0);

  amount -= amount % 100;
  ordered_on = format_date (f->now - g_rand_int_range (f->rand, 0, TWO_YEARS));

  if (chinese)
    description = g_strdup_printf ("%s %d %s", PICK (f, cn_products),
                                   g_rand_int_range (f->rand, 1, 500),
                                   chance (f, 0.5) ? "箱" : "平方米");
  else
    description = g_strdup_printf ("%s, %d m²", PICK (f, en_products), g_rand_int_range (f->rand, 5, 800));

  row->customer = customer;
  rapport_order_set_ordered_on (order, ordered_on);
  rapport_order_set_amount (order, amount);
  rapport_order_set_currency (order, !chinese && chance (f, 0.6) ? "USD" : "CNY");
  rapport_order_set_description (order, description);
  f->orders.of_customer++;

  row->object = G_OBJECT (g_steal_pointer (&order));
}

static void
plan_rows (Filler *f)
{
  guint offset = 0;

  cursor_plan (f, &f->contacts, f->size->n_contacts, FALSE);
  cursor_plan (f, &f->interactions, f->size->n_interactions, TRUE);
  cursor_plan (f, &f->orders, f->size->n_orders, TRUE);

  g_array_set_size (f->contact_offsets, f->n_customers);
  for (guint i = 0; i < f->n_customers; i++)
    {
      g_array_index (f->contact_offsets, guint, i) = offset;
      offset += g_array_index (f->contacts.counts, guint, i);
    }
}

static guint
phase_size (Filler *f,
            Phase   phase)
{
  switch (phase)
    {
    case PHASE_CUSTOMERS:
      return f->size->n_customers;
    case PHASE_CONTACTS:
      return f->n_customers > 0 ? f->size->n_contacts : 0;
    case PHASE_INTERACTIONS:
      return f->n_customers > 0 ? f->size->n_interactions : 0;
    case PHASE_ORDERS:
      return f->n_customers > 0 ? f->size->n_orders : 0;
    case PHASE_DONE:
    default:
      return 0;
    }
}

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_clear_object (&row->object);
}

static GArray *
batch_new (void)
{
  GArray *batch = g_array_sized_new (FALSE, TRUE, sizeof (Row), BATCH_ROWS);

  g_array_set_clear_func (batch, row_clear);

  return batch;
}

/* The maker thread: makes every row, in order, with the seeded generator,
 * and hands them over in batches; an empty batch says there are no more. */
static gpointer
make_rows (gpointer user_data)
{
  Filler *f = user_data;
  GArray *batch = batch_new ();

  while (f->phase != PHASE_DONE)
    {
      Row row = { f->phase, NULL, 0, G_MAXUINT };

      if (f->index >= phase_size (f, f->phase))
        {
          f->phase++;
          f->index = 0;
          if (f->phase == PHASE_CONTACTS)
            plan_rows (f);
          continue;
        }

      switch (f->phase)
        {
        case PHASE_CUSTOMERS:
          make_customer (f, &row);
          break;
        case PHASE_CONTACTS:
          make_contact (f, &row);
          break;
        case PHASE_INTERACTIONS:
          make_interaction (f, &row);
          break;
        case PHASE_ORDERS:
          make_order (f, &row);
          break;
        case PHASE_DONE:
        default:
          g_assert_not_reached ();
        }

      g_array_append_val (batch, row);
      f->index++;

      if (batch->len == BATCH_ROWS)
        {
          g_async_queue_pop (f->slots);
          if (g_atomic_int_get (&f->stop))
            break;
          g_async_queue_push (f->batches, batch);
          batch = batch_new ();
        }
    }

  if (!g_atomic_int_get (&f->stop))
    {
      if (batch->len > 0)
        {
          g_async_queue_pop (f->slots);
          g_async_queue_push (f->batches, batch);
          batch = batch_new ();
        }
      g_async_queue_pop (f->slots);
      g_async_queue_push (f->batches, batch);
    }
  else
    {
      g_array_unref (batch);
    }

  return NULL;
}

static gboolean
write_customer (Filler           *f,
                RapportCustomer  *customer,
                GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 id;

  if (f->store_codes)
    rapport_customer_set_code (customer, NULL);

  if (!rapport_store_insert_customer (f->db, customer, &local_error))
    {
      /* A customer in the Trash may hold the code: let the store find one,
       * for this customer and the rest. */
      if (!g_error_matches (local_error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_DUPLICATE_CODE))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      g_clear_error (&local_error);
      rapport_customer_set_code (customer, NULL);
      f->store_codes = TRUE;
      if (!rapport_store_insert_customer (f->db, customer, error))
        return FALSE;
    }

  id = rapport_customer_get_id (customer);
  g_array_append_val (f->customer_ids, id);

  return TRUE;
}

static gboolean
write_row (Filler   *f,
           Row      *row,
           GError  **error)
{
  gint64 customer_id = 0;
  gint64 id;

  if (row->phase != PHASE_CUSTOMERS)
    customer_id = g_array_index (f->customer_ids, gint64, row->customer);

  switch (row->phase)
    {
    case PHASE_CUSTOMERS:
      return write_customer (f, RAPPORT_CUSTOMER (row->object), error);

    case PHASE_CONTACTS:
      rapport_contact_set_customer_id (RAPPORT_CONTACT (row->object), customer_id);
      if (!rapport_store_insert_contact (f->db, RAPPORT_CONTACT (row->object), error))
        return FALSE;
      id = rapport_contact_get_id (RAPPORT_CONTACT (row->object));
      g_array_append_val (f->contact_ids, id);
      return TRUE;

    case PHASE_INTERACTIONS:
      rapport_interaction_set_customer_id (RAPPORT_INTERACTION (row->object), customer_id);
      if (row->contact != G_MAXUINT)
        rapport_interaction_set_contact_id (RAPPORT_INTERACTION (row->object),
                                            g_array_index (f->contact_ids, gint64, row->contact));
      return rapport_store_insert_interaction (f->db, RAPPORT_INTERACTION (row->object), error);

    case PHASE_ORDERS:
      rapport_order_set_customer_id (RAPPORT_ORDER (row->object), customer_id);
      return rapport_store_insert_order (f->db, RAPPORT_ORDER (row->object), error);

    case PHASE_DONE:
    default:
      g_assert_not_reached ();
    }

  return FALSE;
}

/* Done with the batch being written: the maker may make another. */
static void
release_batch (Filler *f)
{
  if (f->batch == NULL)
    return;

  g_clear_pointer (&f->batch, g_array_unref);
  g_async_queue_push (f->slots, GINT_TO_POINTER (1));
}

static gboolean
fill_chunk (RapportDatabase  *db,
            gpointer          user_data,
            GError          **error)
{
  Filler *f = user_data;

  for (guint rows = 0; rows < f->chunk_rows && !f->finished; )
    {
      if (f->batch == NULL || f->batch_pos >= f->batch->len)
        {
          release_batch (f);
          f->batch = g_async_queue_pop (f->batches);
          f->batch_pos = 0;
          if (f->batch->len == 0)
            {
              release_batch (f);
              f->finished = TRUE;
            }
          continue;
        }

      if (rows % CANCEL_ROWS == 0 && g_cancellable_set_error_if_cancelled (f->cancellable, error))
        return FALSE;

      if (!write_row (f, &g_array_index (f->batch, Row, f->batch_pos), error))
        return FALSE;

      f->batch_pos++;
      f->done++;
      rows++;

      if (f->progress != NULL && f->done % PROGRESS_ROWS == 0)
        f->progress ((double) f->done / f->total, f->progress_data);
    }

  return TRUE;
}

/* Follow-ups: a hand-written handful around now, so the Today page shows
 * each of its sections. @day is days from today (local time); @time "HH:MM",
 * or NULL for @later_minutes from now (rounded up to the half hour, and kept
 * today). Overdue ones have no reminder: opening the demo raises none of
 * the past. */
static const struct
{
  int         day;
  const char *time;
  int         later_minutes;
  int         remind_before;
  gboolean    monthly;
  const char *cn_title;
  const char *en_title;
  const char *cn_note;
  const char *en_note;
} demo_follow_ups[] = {
  { -3, "10:00", 0, RAPPORT_FOLLOW_UP_NO_REMINDER, FALSE,
    "寄送瓷砖样品", "Send the tile samples", "客户要灰色系，600×1200", "Grey range, 600×1200" },
  { -1, "15:30", 0, RAPPORT_FOLLOW_UP_NO_REMINDER, FALSE,
    "回电话确认报价", "Call back about the quote", NULL, NULL },
  { 0, NULL, 120, 15, FALSE,
    "确认送货时间", "Confirm the delivery date", "工地周三以后才能卸货", "The site takes deliveries from Wednesday" },
  { 0, NULL, 300, 30, FALSE,
    "发送新品目录", "Send the new catalogue", NULL, NULL },
  { 1, "09:30", 0, 15, FALSE,
    "上门量房", "Site measurement visit", "带激光测距仪", "Bring the laser measure" },
  { 3, "14:00", 0, 60, FALSE,
    "跟进付款进度", "Check on the payment", "尾款 30%", "30% balance outstanding" },
  { 5, "10:00", 0, 60, TRUE,
    "月度拜访", "Monthly visit", "带上新的价目表", "Bring the new price list" },
};

/* "YYYY-MM-DD HH:MM" of one of demo_follow_ups, in the local zone. */
static char *
demo_due_local (gint64      now,
                int         day,
                const char *time,
                int         later_minutes)
{
  g_autoptr(GDateTime) local_now = g_date_time_new_from_unix_local (now);
  g_autoptr(GDateTime) later = NULL;
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *ymd = NULL;
  gint64 seconds;

  if (time != NULL)
    {
      date = g_date_time_add_days (local_now, day);
      ymd = g_date_time_format (date, "%Y-%m-%d");
      return g_strdup_printf ("%s %s", ymd, time);
    }

  seconds = (now + (gint64) later_minutes * 60 + 1799) / 1800 * 1800;
  later = g_date_time_new_from_unix_local (seconds);
  if (g_date_time_get_day_of_year (later) != g_date_time_get_day_of_year (local_now))
    return g_date_time_format (local_now, "%Y-%m-%d 23:30");

  return g_date_time_format (later, "%Y-%m-%d %H:%M");
}

static gboolean
add_follow_ups (RapportDatabase  *db,
                gpointer          user_data,
                GError          **error)
{
  Filler *f = user_data;
  guint n = f->customer_ids->len;

  for (guint i = 0; i < G_N_ELEMENTS (demo_follow_ups) && n > 0; i++)
    {
      g_autoptr(RapportFollowUp) follow_up = rapport_follow_up_new ();
      g_autofree char *due_local = NULL;
      guint customer = (i * 7 + 3) % n;
      Style style = g_array_index (f->customer_styles, guint8, customer);
      gboolean chinese = style == STYLE_CN_COMPANY || style == STYLE_CN_PERSON;

      due_local = demo_due_local (f->now, demo_follow_ups[i].day, demo_follow_ups[i].time,
                                  demo_follow_ups[i].later_minutes);
      rapport_follow_up_set_customer_id (follow_up, g_array_index (f->customer_ids, gint64, customer));
      rapport_follow_up_set_title (follow_up, chinese ? demo_follow_ups[i].cn_title : demo_follow_ups[i].en_title);
      rapport_follow_up_set_note (follow_up, chinese ? demo_follow_ups[i].cn_note : demo_follow_ups[i].en_note);
      rapport_follow_up_set_due_local (follow_up, due_local);
      rapport_follow_up_set_remind_before (follow_up, demo_follow_ups[i].remind_before);
      if (demo_follow_ups[i].monthly)
        {
          rapport_follow_up_set_repeat_unit (follow_up, RAPPORT_REPEAT_MONTHS);
          rapport_follow_up_set_repeat_every (follow_up, 1);
        }

      if (!rapport_store_insert_follow_up (db, follow_up, error))
        return FALSE;
    }

  return TRUE;
}

/* A sales pipeline (pl-board): deals in every stage, some past their
 * expected close date, so the Pipeline section has something to show. */
static const struct
{
  const char *cn_title;
  const char *en_title;
  gint64      amount;      /* in yuan */
  int         close_days;  /* from today; negative is past */
  guint       stage;       /* position among the open stages */
} demo_opportunities[] = {
  { "年度办公用品采购", "Annual office supplies", 86000, 30, 0 },
  { "新店装修照明", "Lighting for the new store", 240000, 45, 0 },
  { "员工制服定制", "Staff uniforms", 52000, -6, 1 },
  { "仓储系统升级", "Warehouse system upgrade", 680000, 60, 1 },
  { "春季促销礼盒", "Spring promotion gift boxes", 35000, 12, 2 },
  { "会议室设备更新", "Meeting room equipment", 128000, -15, 2 },
  { "物流外包合同", "Logistics outsourcing", 1500000, 90, 3 },
  { "样品试用转正式订单", "Trial turned into an order", 64000, 7, 3 },
  { "华东区代理合作", "East China distribution", 920000, 120, 0 },
  { "展会展台搭建", "Trade fair stand", 76000, 21, 1 },
};

static gboolean
add_opportunities (RapportDatabase  *db,
                   gpointer          user_data,
                   GError          **error)
{
  Filler *f = user_data;
  g_autoptr (GListModel) stages = rapport_store_list_pipeline_stages (db, error);
  g_autoptr (GArray) open_stages = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n = f->customer_ids->len;

  if (stages == NULL)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr (RapportPipelineStage) stage = g_list_model_get_item (stages, i);
      gint64 id = rapport_pipeline_stage_get_id (stage);

      if (rapport_pipeline_stage_get_kind (stage) == RAPPORT_STAGE_KIND_OPEN)
        g_array_append_val (open_stages, id);
    }

  for (guint i = 0; i < G_N_ELEMENTS (demo_opportunities) && n > 0 && open_stages->len > 0; i++)
    {
      g_autoptr (RapportOpportunity) opportunity = rapport_opportunity_new ();
      g_autofree char *close = format_date (f->now + (gint64) demo_opportunities[i].close_days * 86400);
      guint customer = (i * 11 + 5) % n;
      Style style = g_array_index (f->customer_styles, guint8, customer);
      gboolean chinese = style == STYLE_CN_COMPANY || style == STYLE_CN_PERSON;

      rapport_opportunity_set_customer_id (opportunity, g_array_index (f->customer_ids, gint64, customer));
      rapport_opportunity_set_title (opportunity, chinese ? demo_opportunities[i].cn_title
                                                          : demo_opportunities[i].en_title);
      rapport_opportunity_set_amount (opportunity, demo_opportunities[i].amount * 100);
      rapport_opportunity_set_currency (opportunity, chinese ? "CNY" : (i % 2 == 0 ? "USD" : "CNY"));
      rapport_opportunity_set_stage_id (opportunity,
                                        g_array_index (open_stages, gint64,
                                                       MIN (demo_opportunities[i].stage, open_stages->len - 1)));
      rapport_opportunity_set_probability (opportunity, -1);
      rapport_opportunity_set_expected_close (opportunity, close);

      if (!rapport_store_insert_opportunity (db, opportunity, error))
        return FALSE;
    }

  return TRUE;
}

/* Keeping in touch: the templates and greeting rules a shop would set up, a
 * Spring Festival greeting waiting for review, and a few messages already
 * sent or failed, so the Outreach section and the timelines show them. */
static const struct
{
  RapportChannel  channel;
  const char     *name;
  const char     *subject;
  const char     *body;
} demo_templates[] = {
  { RAPPORT_CHANNEL_SMS, "春节问候",
    NULL, "{name}您好！新春快乐，阖家幸福！感谢您一年来的支持，新的一年我们继续为您服务。" },
  { RAPPORT_CHANNEL_SMS, "生日祝福",
    NULL, "{name}，祝您生日快乐，身体健康，万事如意！" },
  { RAPPORT_CHANNEL_MAIL, "Quarterly check-in",
    "How are things at {company}?",
    "Dear {contact},\n\nIt has been a while since we last spoke. Our new samples have arrived; "
    "if anything is planned at {company} this season, I would be glad to help.\n\nBest regards" },
};

static RapportMessage *
demo_message (RapportCustomer *customer,
              RapportChannel   channel,
              const char      *recipient,
              const char      *subject,
              const char      *body,
              gint64           not_before)
{
  RapportMessage *message = rapport_message_new ();

  rapport_message_set_channel (message, channel);
  rapport_message_set_customer_id (message, rapport_customer_get_id (customer));
  rapport_message_set_recipient (message, recipient);
  rapport_message_set_recipient_name (message, rapport_customer_get_name (customer));
  rapport_message_set_subject (message, subject);
  rapport_message_set_body (message, body);
  rapport_message_set_not_before (message, not_before);

  return message;
}

/* Queues @message alone and takes it through the runner's steps to sent, or
 * to failed with @failure. */
static gboolean
demo_deliver (RapportDatabase  *db,
              RapportMessage   *message,
              gint64            at,
              const char       *failure,
              GError          **error)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new ();
  g_autoptr(RapportMessage) claimed = NULL;
  gint64 id;

  g_ptr_array_add (batch, message);
  if (!rapport_store_queue_messages (db, batch, NULL, error))
    return FALSE;

  claimed = rapport_store_claim_next_message (db, at, error);
  if (claimed == NULL)
    return FALSE;
  id = rapport_message_get_id (claimed);

  if (failure != NULL)
    return rapport_store_finish_message_failed (db, id, failure, 0, error);

  return rapport_store_finish_message_sent (db, id, rapport_message_get_uuid (claimed), at, error);
}

/* The customer at or after @start written in Chinese (or not), wrapping. */
static RapportCustomer *
demo_customer (RapportDatabase  *db,
               Filler           *f,
               guint             start,
               gboolean          chinese,
               GError          **error)
{
  guint n = f->customer_ids->len;

  for (guint i = 0; i < n; i++)
    {
      guint index = (start + i) % n;
      Style style = g_array_index (f->customer_styles, guint8, index);

      if ((style == STYLE_CN_COMPANY || style == STYLE_CN_PERSON) == chinese)
        return rapport_store_get_customer (db, g_array_index (f->customer_ids, gint64, index), error);
    }

  return rapport_store_get_customer (db, g_array_index (f->customer_ids, gint64, start % n), error);
}

/* The service desk: a few requests in every state, some opened a day or two
 * ago (so the overdue queue has something), one complaint waiting for its
 * owner's confirmation, and ratings for the averages. */
static const struct
{
  RapportServiceKind      kind;
  RapportServiceSeverity  severity;
  const char             *cn_summary;
  const char             *en_summary;
  const char             *cn_resolution;
  const char             *en_resolution;
  int                     hours_ago;
  RapportServiceStatus    status;       /* reached one move at a time */
  gboolean                mine;         /* else unassigned */
  int                     satisfaction;
} demo_requests[] = {
  { RAPPORT_SERVICE_KIND_COMPLAINT, RAPPORT_SERVICE_SEVERITY_HIGH, "送货延误三天，工地停工",
    "Delivery three days late, site work stopped", "免收运费，并赠送一箱五金件致歉",
    "Delivery fee waived and a box of fittings sent as an apology", 30, RAPPORT_SERVICE_STATUS_IN_PROGRESS,
    TRUE, 0 },
  { RAPPORT_SERVICE_KIND_AFTER_SALES, RAPPORT_SERVICE_SEVERITY_CRITICAL, "卫生间地砖空鼓",
    "Bathroom tiles sound hollow", NULL, NULL, 6, RAPPORT_SERVICE_STATUS_NEW, FALSE, 0 },
  { RAPPORT_SERVICE_KIND_INQUIRY, RAPPORT_SERVICE_SEVERITY_NORMAL, "询问木地板保修期", "Warranty of the oak flooring",
    NULL, NULL, 2, RAPPORT_SERVICE_STATUS_ASSIGNED, TRUE, 0 },
  { RAPPORT_SERVICE_KIND_SUGGESTION, RAPPORT_SERVICE_SEVERITY_LOW, "希望增加周末送货", "Weekend deliveries, please",
    NULL, NULL, 50, RAPPORT_SERVICE_STATUS_NEW, FALSE, 0 },
  { RAPPORT_SERVICE_KIND_AFTER_SALES, RAPPORT_SERVICE_SEVERITY_NORMAL, "门窗密封条老化", "Window seals worn",
    "上门更换密封条", "Seals replaced on site", 80, RAPPORT_SERVICE_STATUS_RESOLVED, TRUE, 5 },
  { RAPPORT_SERVICE_KIND_INQUIRY, RAPPORT_SERVICE_SEVERITY_LOW, "涂料色卡", "Paint colour cards",
    "已寄出色卡", "Colour cards posted", 120, RAPPORT_SERVICE_STATUS_CLOSED, TRUE, 4 },
  { RAPPORT_SERVICE_KIND_COMPLAINT, RAPPORT_SERVICE_SEVERITY_NORMAL, "灯具颜色与样品不符",
    "Lamps differ from the sample", "换货并补偿安装费", "Exchanged, installation refunded", 100,
    RAPPORT_SERVICE_STATUS_CLOSED, TRUE, 3 },
};

static gboolean
add_service_requests (RapportDatabase  *db,
                      gpointer          user_data,
                      GError          **error)
{
  Filler *f = user_data;
  guint n = f->customer_ids->len;
  g_autoptr (RapportClock) clock = g_object_ref (rapport_database_get_clock (db));
  g_autoptr (RapportClock) then = rapport_clock_new ();
  gint64 me = rapport_store_get_default_user_id (db, error);
  gboolean ok = me > 0;

  for (guint i = 0; ok && i < G_N_ELEMENTS (demo_requests) && n > 0; i++)
    {
      g_autoptr (RapportServiceRequest) request = rapport_service_request_new ();
      guint customer = (i * 11 + 5) % n;
      Style style = g_array_index (f->customer_styles, guint8, customer);
      gboolean chinese = style == STYLE_CN_COMPANY || style == STYLE_CN_PERSON;
      const char *resolution = chinese ? demo_requests[i].cn_resolution : demo_requests[i].en_resolution;
      gint64 id;

      /* Opened some hours ago: the request's times are the clock's. */
      rapport_clock_set_fixed (then, f->now - demo_requests[i].hours_ago * 3600);
      rapport_database_set_clock (db, then);

      rapport_service_request_set_customer_id (request, g_array_index (f->customer_ids, gint64, customer));
      rapport_service_request_set_kind (request, demo_requests[i].kind);
      rapport_service_request_set_severity (request, demo_requests[i].severity);
      rapport_service_request_set_summary (request, chinese ? demo_requests[i].cn_summary : demo_requests[i].en_summary);
      ok = rapport_store_insert_service_request (db, request, NULL, error);
      id = rapport_service_request_get_id (request);

      if (ok && demo_requests[i].mine)
        ok = rapport_store_assign_service_request (db, id, me, error);
      rapport_clock_advance (then, 3600);
      for (RapportServiceStatus s = RAPPORT_SERVICE_STATUS_IN_PROGRESS; ok && s <= demo_requests[i].status; s++)
        {
          if (s == RAPPORT_SERVICE_STATUS_RESOLVED && resolution != NULL)
            ok = rapport_store_set_service_resolution (db, id, resolution, error);
          if (ok)
            ok = rapport_store_set_service_request_status (db, id, s, NULL, error);
          rapport_clock_advance (then, 3 * 3600);
        }
      /* The complaint in progress has its resolution proposed, not confirmed. */
      if (ok && resolution != NULL && demo_requests[i].status == RAPPORT_SERVICE_STATUS_IN_PROGRESS)
        ok = rapport_store_set_service_resolution (db, id, resolution, error);
      if (ok && demo_requests[i].satisfaction > 0)
        ok = rapport_store_set_service_satisfaction (db, id, demo_requests[i].satisfaction, NULL, error);
    }

  rapport_database_set_clock (db, clock);
  return ok;
}

static gboolean
add_outreach (RapportDatabase  *db,
              gpointer          user_data,
              GError          **error)
{
  Filler *f = user_data;
  guint n = f->customer_ids->len;
  gint64 template_ids[G_N_ELEMENTS (demo_templates)];
  g_autoptr(RapportGreetingRule) spring = rapport_greeting_rule_new ();
  g_autoptr(RapportGreetingRule) birthday = rapport_greeting_rule_new ();
  g_autoptr(RapportGreetingRule) care = rapport_greeting_rule_new ();
  g_autoptr(GPtrArray) review = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();

  if (n < 12)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (demo_templates); i++)
    {
      g_autoptr(RapportMessageTemplate) template = rapport_message_template_new ();

      rapport_message_template_set_name (template, demo_templates[i].name);
      rapport_message_template_set_channel (template, demo_templates[i].channel);
      rapport_message_template_set_subject (template, demo_templates[i].subject);
      rapport_message_template_set_body (template, demo_templates[i].body);
      if (!rapport_store_insert_template (db, template, error))
        return FALSE;
      template_ids[i] = rapport_message_template_get_id (template);
    }

  rapport_greeting_rule_set_name (spring, "春节问候");
  rapport_greeting_rule_set_kind (spring, RAPPORT_GREETING_KIND_HOLIDAY);
  rapport_greeting_rule_set_holiday (spring, "spring-festival");
  rapport_greeting_rule_set_template_id (spring, template_ids[0]);
  rapport_greeting_rule_set_channel (spring, RAPPORT_CHANNEL_SMS);
  rapport_greeting_rule_set_send_time (spring, "09:00");
  rapport_greeting_rule_set_review_first (spring, TRUE);

  rapport_greeting_rule_set_name (birthday, "生日祝福");
  rapport_greeting_rule_set_kind (birthday, RAPPORT_GREETING_KIND_BIRTHDAY);
  rapport_greeting_rule_set_template_id (birthday, template_ids[1]);
  rapport_greeting_rule_set_channel (birthday, RAPPORT_CHANNEL_SMS);
  rapport_greeting_rule_set_send_time (birthday, "09:30");
  rapport_greeting_rule_set_review_first (birthday, FALSE);

  rapport_greeting_rule_set_name (care, "Quarterly check-in");
  rapport_greeting_rule_set_kind (care, RAPPORT_GREETING_KIND_PERIODIC);
  rapport_greeting_rule_set_every_months (care, 3);
  rapport_greeting_rule_set_template_id (care, template_ids[2]);
  rapport_greeting_rule_set_channel (care, RAPPORT_CHANNEL_MAIL);
  rapport_greeting_rule_set_send_time (care, "10:00");
  rapport_greeting_rule_set_review_first (care, TRUE);

  if (!rapport_store_insert_greeting_rule (db, spring, error) ||
      !rapport_store_insert_greeting_rule (db, birthday, error) ||
      !rapport_store_insert_greeting_rule (db, care, error))
    return FALSE;

  /* Sent three days ago and yesterday, and one the server refused. */
  {
    g_autoptr(RapportCustomer) first = demo_customer (db, f, 2, FALSE, error);
    g_autoptr(RapportCustomer) second = demo_customer (db, f, 5, TRUE, error);
    g_autoptr(RapportCustomer) third = demo_customer (db, f, 8, FALSE, error);
    g_autoptr(RapportMessage) mail = NULL;
    g_autoptr(RapportMessage) sms = NULL;
    g_autoptr(RapportMessage) refused = NULL;

    if (first == NULL || second == NULL || third == NULL)
      return FALSE;

    mail = demo_message (first, RAPPORT_CHANNEL_MAIL, "purchasing@example.com",
                         "Our new tile samples", "Dear customer,\n\nThe new grey range has arrived.",
                         f->now - 3 * 86400);
    sms = demo_message (second, RAPPORT_CHANNEL_SMS, "+8613912345678", NULL,
                        "您好，您订的瓷砖已到货，明天上午送到工地。", f->now - 86400);
    refused = demo_message (third, RAPPORT_CHANNEL_MAIL, "info@example.org",
                            "Quote for the showroom", "Dear customer,\n\nPlease find our quote below.",
                            f->now - 7200);

    if (!demo_deliver (db, mail, f->now - 3 * 86400, NULL, error) ||
        !demo_deliver (db, sms, f->now - 86400, NULL, error) ||
        !demo_deliver (db, refused, f->now - 7200, "550 5.1.1 <info@example.org>: Recipient address rejected: User unknown", error))
      return FALSE;
  }

  /* This year's Spring Festival greetings, waiting for the owner's review. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(RapportCustomer) customer = NULL;
      g_autofree char *phone = g_strdup_printf ("+86139%08u", 10000000 + i * 7919);
      g_autofree char *body = NULL;
      g_autofree char *key = NULL;
      RapportMessage *message;

      customer = demo_customer (db, f, 10 + 5 * i, TRUE, error);
      if (customer == NULL)
        return FALSE;

      body = g_strdup_printf ("%s您好！新春快乐，阖家幸福！感谢您一年来的支持，新的一年我们继续为您服务。拒收请回复R",
                              rapport_customer_get_name (customer));
      key = g_strdup_printf ("%s:customer:%" G_GINT64_FORMAT ":%d", rapport_greeting_rule_get_uuid (spring),
                             rapport_customer_get_id (customer), g_date_time_get_year (today));
      message = demo_message (customer, RAPPORT_CHANNEL_SMS, phone, NULL, body, f->now);
      rapport_message_set_state (message, RAPPORT_MESSAGE_STATE_REVIEW);
      rapport_message_set_is_marketing (message, TRUE);
      rapport_message_set_rule_id (message, rapport_greeting_rule_get_id (spring));
      rapport_message_set_occasion_key (message, key);
      g_ptr_array_add (review, message);
    }

  return rapport_store_queue_messages (db, review, NULL, error);
}

static void
free_domain (gpointer data)
{
  g_free (*(char **) data);
}

/* Public API */

/* Tiers and potentials come from the orders, as in a real book: the
 * sample's US dollar orders count at a rate the sample sets, and each
 * customer's tier has the reason a recomputation gives it. */
static gboolean
compute_tiers (Filler  *f,
               GError **error)
{
  g_autoptr(RapportTierRules) rules = rapport_tier_rules_new_default ();
  g_autoptr(RapportTierRun) run = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (f->now);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  if (!rapport_store_set_currency_rate (f->db, "USD", 7.1, error))
    return FALSE;

  run = rapport_store_recompute_tiers (f->db, rules, "CNY", today, f->cancellable, error);

  return run != NULL;
}

/**
 * rapport_demo_data_fill:
 * @db: an open, writable database (usually a new one)
 * @size: how much to make, and the seed: the same seed makes the same data
 * @cancellable: (nullable): a #GCancellable
 * @progress: (nullable) (scope call): called now and then with the fraction done
 * @progress_data: data for @progress
 * @error: return location for a #GError
 *
 * Adds customers, contacts, interactions and orders through the store, in
 * transactions of a sixteenth of the rows (10,000 to 200,000); a thread of
 * its own makes the rows meanwhile. Blocks: run it in a worker thread on a
 * worker connection for anything but a small size; @progress is called in
 * the calling thread. With @size's follow-ups, adds a handful of open
 * follow-ups around the database clock's now, in the local time zone.
 * When cancelled, the rows of the chunk being written are rolled back, earlier
 * chunks stay, and @error is %G_IO_ERROR_CANCELLED.
 *
 * Returns: %TRUE when everything was written
 */
gboolean
rapport_demo_data_fill (RapportDatabase        *db,
                        const RapportDemoSize  *size,
                        GCancellable           *cancellable,
                        RapportProgressFunc     progress,
                        gpointer                progress_data,
                        GError                **error)
{
  Filler f = { 0, };
  GThread *maker;
  GArray *batch;
  gboolean ok = TRUE;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (size != NULL, FALSE);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  f.db = db;
  f.size = size;
  f.rand = g_rand_new_with_seed (size->seed);
  f.cancellable = cancellable;
  f.progress = progress;
  f.progress_data = progress_data;
  f.now = rapport_clock_now (rapport_database_get_clock (db));
  f.phase = PHASE_CUSTOMERS;
  f.total = (guint64) size->n_customers + size->n_contacts + size->n_interactions + size->n_orders;
  f.chunk_rows = CLAMP (f.total / 16, MIN_CHUNK_ROWS, MAX_CHUNK_ROWS);
  f.customer_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), size->n_customers);
  f.customer_styles = g_array_sized_new (FALSE, FALSE, sizeof (guint8), size->n_customers);
  f.customer_domains = g_array_sized_new (FALSE, FALSE, sizeof (char *), size->n_customers);
  g_array_set_clear_func (f.customer_domains, free_domain);
  f.contacts.counts = g_array_new (FALSE, TRUE, sizeof (guint));
  f.interactions.counts = g_array_new (FALSE, TRUE, sizeof (guint));
  f.orders.counts = g_array_new (FALSE, TRUE, sizeof (guint));
  f.contact_offsets = g_array_new (FALSE, TRUE, sizeof (guint));
  f.contact_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), size->n_contacts);
  if (rapport_store_count_customers (db) == 0)
    f.code_numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  f.batches = g_async_queue_new ();
  f.slots = g_async_queue_new ();
  for (guint i = 0; i < BATCHES_AHEAD; i++)
    g_async_queue_push (f.slots, GINT_TO_POINTER (1));

  /* Making the rows (names, phones, objects) takes a good part of the time
   * and needs no database: another core does it while this one writes. */
  maker = g_thread_new ("rapport-demo-data", make_rows, &f);
  rapport_store_begin_bulk_load (db);

  while (!f.finished)
    {
      g_autoptr(GError) local_error = NULL;

      if (!rapport_database_run_in_transaction (db, fill_chunk, &f, &local_error))
        {
          if (g_error_matches (local_error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CANCELLED) ||
              g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                 _("Making sample data was cancelled"));
          else
            g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                        _("Could not make sample data: "));
          ok = FALSE;
          break;
        }

      if (progress != NULL)
        progress (f.total > 0 ? (double) f.done / f.total : 1.0, progress_data);
    }

  /* The maker may be waiting for a slot: the tokens wake it to stop. */
  g_atomic_int_set (&f.stop, 1);
  g_async_queue_push (f.slots, GINT_TO_POINTER (1));
  g_async_queue_push (f.slots, GINT_TO_POINTER (1));
  g_thread_join (maker);
  g_clear_pointer (&f.batch, g_array_unref);
  while ((batch = g_async_queue_try_pop (f.batches)) != NULL)
    g_array_unref (batch);
  g_async_queue_unref (f.batches);
  g_async_queue_unref (f.slots);

  /* Even a cancelled load puts what it wrote in place; the follow-ups come
   * after their customers are. */
  if (ok)
    ok = rapport_store_end_bulk_load (db, error);
  else
    rapport_store_end_bulk_load (db, NULL);

  if (ok && size->follow_ups && !rapport_database_run_in_transaction (db, add_follow_ups, &f, error))
    ok = FALSE;
  if (ok && size->follow_ups && !rapport_database_run_in_transaction (db, add_outreach, &f, error))
    ok = FALSE;
  if (ok && size->follow_ups && !rapport_database_run_in_transaction (db, add_service_requests, &f, error))
    ok = FALSE;
  if (ok && size->follow_ups && !rapport_database_run_in_transaction (db, add_opportunities, &f, error))
    ok = FALSE;
  if (ok && !compute_tiers (&f, error))
    ok = FALSE;

  g_rand_free (f.rand);
  g_array_unref (f.customer_ids);
  g_array_unref (f.customer_styles);
  g_array_unref (f.customer_domains);
  g_array_unref (f.contacts.counts);
  g_array_unref (f.interactions.counts);
  g_array_unref (f.orders.counts);
  g_array_unref (f.contact_offsets);
  g_array_unref (f.contact_ids);
  g_clear_pointer (&f.code_numbers, g_hash_table_unref);

  return ok;
}

/**
 * rapport_demo_data_new_database_path:
 *
 * Returns: (transfer full): a path that does not exist yet, in a "rapport"
 *   folder (created, private) of the user's runtime dir (or cache dir)
 */
char *
rapport_demo_data_new_database_path (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_runtime_dir (), "rapport", NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_free (dir);
      dir = g_build_filename (g_get_user_cache_dir (), "rapport", NULL);
      g_mkdir_with_parents (dir, 0700);
    }

  for (;;)
    {
      g_autofree char *name = g_strdup_printf ("demo-%08x%08x.db", g_random_int (), g_random_int ());
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&path);
    }
}
