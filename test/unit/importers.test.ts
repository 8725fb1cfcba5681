import { bankHandle, bankRowToAttributes, parseBankCsv, splitBankLine } from "../../src/modules/imports/bank";
import {
  facebookExternalId,
  facebookPublishedAt,
  ImportFormatError,
  parseFacebookCsv,
  textLines,
} from "../../src/modules/imports/facebook";
import {
  distinctUsers,
  earliestByItem,
  genreTag,
  itemCategory,
  itemText,
  parseMovies,
  parseRatings,
  personHandle,
  ratingExternalId,
} from "../../src/modules/imports/ratings";

// Every expected value below was worked by hand; the calendar facts are in the comments.

const header =
  "Page total likes;Type;Category;Post Month;Post Weekday;Post Hour;Paid;Lifetime Post Total Reach;Lifetime Post Total Impressions;" +
  "Lifetime Engaged Users;Lifetime Post Consumers;Lifetime Post Consumptions;Lifetime Post Impressions by people who have liked your Page;" +
  "Lifetime Post reach by people who like your Page;Lifetime People who have liked your Page and engaged with your post;comment;like;share;Total Interactions";

describe("textLines", () => {
  it("numbers lines from 1, drops a BOM and CRs, skips blank lines but keeps their numbers", () => {
    expect(textLines("\uFEFFa\r\n\r\n  \nb\n")).toEqual([
      { line: 1, text: "a" },
      { line: 4, text: "b" },
    ]);
  });
});

describe("facebookPublishedAt: the first day of the month with the weekday (1 = Sunday … 7 = Saturday), hour in UTC", () => {
  const cases: Array<[number, number, number, string, string]> = [
    // month, weekday, hour, expected, why
    [12, 4, 3, "2014-12-03T03:00:00.000Z", "1 Dec 2014 was a Monday, so the first Wednesday is the 3rd"],
    [12, 3, 10, "2014-12-02T10:00:00.000Z", "first Tuesday of December 2014"],
    [10, 6, 8, "2014-10-03T08:00:00.000Z", "1 Oct 2014 was a Wednesday, so the first Friday is the 3rd"],
    [1, 4, 0, "2014-01-01T00:00:00.000Z", "1 Jan 2014 was itself a Wednesday"],
    [1, 1, 23, "2014-01-05T23:00:00.000Z", "the first Sunday of 2014 was the 5th"],
    [3, 7, 12, "2014-03-01T12:00:00.000Z", "1 Mar 2014 was a Saturday"],
    [3, 6, 12, "2014-03-07T12:00:00.000Z", "the Friday before it was in February, so the first one is six days on"],
    [6, 1, 5, "2014-06-01T05:00:00.000Z", "1 Jun 2014 was a Sunday"],
  ];
  it.each(cases)("month %i, weekday %i, hour %i → %s (%s)", (month, weekday, hour, expected) => {
    expect(facebookPublishedAt(2014, month, weekday, hour).toISOString()).toBe(expected);
  });
});

describe("facebookExternalId", () => {
  it("is fb-<line>-<first 8 hex of sha1 of the input fields joined by ;>", () => {
    // sha1("139441;Photo;2;12;4;3;0") = 26226faa… (checked with Python's hashlib)
    expect(facebookExternalId(2, ["139441", "Photo", "2", "12", "4", "3", "0"])).toBe("fb-2-26226faa");
  });
  it("tells apart identical rows on different lines and an edited row on the same line", () => {
    const inputs = ["1", "Photo", "2", "12", "4", "3", "0"];
    expect(facebookExternalId(2, inputs)).not.toBe(facebookExternalId(3, inputs));
    expect(facebookExternalId(2, inputs)).not.toBe(facebookExternalId(2, [...inputs.slice(0, 6), "1"]));
  });
});

describe("parseFacebookCsv", () => {
  const text = [
    header,
    "139441;Photo;2;12;4;3;0;2752;5091;178;109;159;3078;1640;119;4;79;17;100",
    "136736;status;1;10;6;8;;1261;2158;37;37;49;1911;1077;33;0;;;0",
    "135000;Reel;3;9;5;10;1;900;1500;50;40;45;1200;700;30;1;20;3;24",
    "",
    "134000;Video;x;13;5;10;2;900;1500;50;40;45;1200;700;30;1;abc;3;24",
    "81370;Link;3;1;1;;1;500;800;20;15;18;600;300;10;0;5;1;6",
    "81370;Link;3;1;1;4",
  ].join("\n");
  const parsed = parseFacebookCsv(text);

  it("reads every data line and keeps the two good ones", () => {
    expect(parsed.linesRead).toBe(6);
    expect(parsed.rows.map((r) => r.line)).toEqual([2, 3]);
  });

  it("maps a complete row: media type, category 2 → product, paid, date, metrics", () => {
    expect(parsed.rows[0]).toEqual({
      line: 2,
      externalId: "fb-2-26226faa",
      pageTotalLikes: 139441,
      mediaType: "PHOTO",
      category: "product",
      month: 12,
      weekday: 4,
      hour: 3,
      paid: false,
      publishedAt: new Date("2014-12-03T03:00:00Z"),
      // impressions = Total Impressions, reach = Total Reach, clicks = Post Consumptions
      metrics: { impressions: 5091, reach: 2752, likes: 79, comments: 4, shares: 17, clicks: 159 },
      missing: [],
    });
  });

  it("leaves missing outcomes absent (not 0) and an empty Paid unset; Type is case-insensitive; category 1 → action", () => {
    const row = parsed.rows[1];
    expect(row.mediaType).toBe("STATUS");
    expect(row.category).toBe("action");
    expect(row.publishedAt.toISOString()).toBe("2014-10-03T08:00:00.000Z");
    expect(row).not.toHaveProperty("paid");
    expect(row.metrics).toEqual({ impressions: 2158, reach: 1261, comments: 0, clicks: 49 });
    expect(row.missing).toEqual(["Paid", "like", "share"]);
  });

  it("reports each bad field with its line and column, and a short line once", () => {
    expect(parsed.problems).toEqual([
      { line: 4, column: "Type", message: 'expected Photo, Status, Link or Video, found "Reel"' },
      { line: 6, column: "Category", message: 'expected a whole number, found "x"' },
      { line: 6, column: "Post Month", message: "expected a whole number from 1 to 12, found 13" },
      { line: 6, column: "Paid", message: "expected 0 or 1, found 2" },
      { line: 6, column: "like", message: 'expected a whole number, found "abc"' },
      { line: 7, column: "Post Hour", message: "expected a value, found an empty field" },
      { line: 8, message: "expected 19 semicolon-separated fields, found 6" },
    ]);
  });

  it("categories 1, 2, 3 are action, product, inspiration (Moro et al. 2016)", () => {
    const rows = [1, 2, 3].map((c) => `1000;Photo;${c};5;2;9;0;1;1;1;1;1;1;1;1;0;0;0;0`);
    expect(parseFacebookCsv([header, ...rows].join("\n")).rows.map((r) => r.category)).toEqual(["action", "product", "inspiration"]);
  });

  it("takes the year as an option", () => {
    const row = parseFacebookCsv([header, "1000;Photo;1;1;1;0;0;1;1;1;1;1;1;1;1;0;0;0;0"].join("\n"), { year: 2015 }).rows[0];
    expect(row.publishedAt.toISOString()).toBe("2015-01-04T00:00:00.000Z"); // 1 Jan 2015 was a Thursday
  });

  it("refuses a file without the columns it needs, naming them", () => {
    expect(() => parseFacebookCsv("")).toThrow(ImportFormatError);
    expect(() => parseFacebookCsv("a;b\n1;2")).toThrow(/^expected header columns "Page total likes", "Type", .* \(line 1\), found only "a", "b"$/);
  });
});

describe("parseRatings", () => {
  const text = [
    "1::0000001::7::1365029107",
    "2::0000001::10::1364690142",
    "3::0000002::x::1365000100",
    "oops no separators",
    "",
    "4::0000002::8.5::1366000000",
    "bad user::0000003::5::-1",
    "5::0000003::::1366000000",
  ].join("\n");
  const parsed = parseRatings(text);

  it("keeps the good lines with their numbers, user ids lower-cased", () => {
    expect(parsed.linesRead).toBe(7);
    expect(parsed.rows).toEqual([
      { line: 1, user: "1", item: "0000001", rating: 7, timestamp: 1365029107 },
      { line: 2, user: "2", item: "0000001", rating: 10, timestamp: 1364690142 },
      { line: 6, user: "4", item: "0000002", rating: 8.5, timestamp: 1366000000 },
    ]);
  });

  it("reports bad lines with their line number and field", () => {
    expect(parsed.problems).toEqual([
      { line: 3, column: "rating", message: 'expected a number from 0 to 10, found "x"' },
      { line: 4, message: "expected 4 fields user_id::item_id::rating::unix_timestamp, found 1" },
      { line: 7, column: "user_id", message: 'expected a user id of 1–90 letters, digits, _ . or -, found "bad user"' },
      { line: 7, column: "timestamp", message: 'expected a unix time in whole seconds, found "-1"' },
      { line: 8, column: "rating", message: 'expected a number from 0 to 10, found ""' },
    ]);
  });

  it("refuses a rating outside MovieTweetings' 0–10", () => {
    expect(parseRatings("1::0000001::99::1365029107\n1::0000001::-1::1365029107\n1::0000001::0::1365029107").problems).toEqual([
      { line: 1, column: "rating", message: 'expected a number from 0 to 10, found "99"' },
      { line: 2, column: "rating", message: 'expected a number from 0 to 10, found "-1"' },
    ]);
  });

  it("earliest rating per item, in order of first appearance; users once each", () => {
    expect([...earliestByItem(parsed.rows)]).toEqual([
      ["0000001", 1364690142], // line 2 is earlier than line 1
      ["0000002", 1366000000],
    ]);
    expect(distinctUsers([...parsed.rows, parsed.rows[0]])).toEqual(["1", "2", "4"]);
  });

  it("names: mt_<user> and mt:<user>:<item>:<timestamp>", () => {
    expect(personHandle("42")).toBe("mt_42");
    expect(ratingExternalId({ user: "42", item: "0104257", timestamp: 1364690142 })).toBe("mt:42:0104257:1364690142");
  });
});

describe("parseMovies and the item post", () => {
  const text = [
    "0002844::Fantômas - À l'ombre de la guillotine (1913)::Crime|Drama",
    "0004936::The Bank (1915)::Comedy|Short",
    "0000001::No Genres (2001)::",
    "0000002::Untitled",
    "0004936::Again (1999)::Drama",
    "::Nameless (2000)::Drama",
    "0000003::::Drama",
    "justonefield",
  ].join("\n");
  const parsed = parseMovies(text);

  it("keeps title, year and genres; the genre field may be empty or missing", () => {
    expect(parsed.rows).toEqual([
      { line: 1, id: "0002844", title: "Fantômas - À l'ombre de la guillotine (1913)", year: 1913, genres: ["Crime", "Drama"] },
      { line: 2, id: "0004936", title: "The Bank (1915)", year: 1915, genres: ["Comedy", "Short"] },
      { line: 3, id: "0000001", title: "No Genres (2001)", year: 2001, genres: [] },
      { line: 4, id: "0000002", title: "Untitled", genres: [] },
    ]);
  });

  it("reports a repeated id, an empty id or title and a line without fields", () => {
    expect(parsed.problems).toEqual([
      { line: 5, column: "movie_id", message: "expected each movie id once, found 0004936 again (first on line 2)" },
      { line: 6, column: "movie_id", message: 'expected a movie id of 1–90 letters, digits, _ . or -, found ""' },
      { line: 7, column: "title", message: "expected a title, found an empty field" },
      { line: 8, message: "expected movie_id::Title (Year)::Genre|Genre, found 1 field" },
    ]);
  });

  it("text is the title and the genres as hashtags; category the first genre, lower-cased", () => {
    const bank = parsed.rows[1];
    expect(itemText("0004936", bank)).toBe("The Bank (1915) #comedy #short");
    expect(itemCategory(bank)).toBe("comedy");
    const scifi = { line: 1, id: "1", title: "Blade Runner (1982)", year: 1982, genres: ["Sci-Fi", "Film-Noir", "Sci-Fi"] };
    expect(itemText("1", scifi)).toBe("Blade Runner (1982) #scifi #filmnoir");
    expect(itemCategory(scifi)).toBe("sci-fi");
    expect(genreTag("Talk-Show")).toBe("talkshow");
  });

  it("an item the catalogue does not know is 'item <id>' without a category", () => {
    expect(itemText("0000009")).toBe("item 0000009");
    expect(itemCategory(undefined)).toBeUndefined();
    expect(itemCategory(parsed.rows[2])).toBeUndefined();
  });
});

describe("parseBankCsv (UCI Bank Marketing layout)", () => {
  const bankHeader =
    '"age";"job";"marital";"education";"default";"housing";"loan";"contact";"month";"day_of_week";"duration";"campaign";"pdays";"previous";"poutcome";' +
    '"emp.var.rate";"cons.price.idx";"cons.conf.idx";"euribor3m";"nr.employed";"y"';
  const text = [
    bankHeader,
    '35;"blue-collar";"married";"basic.9y";"no";"yes";"no";"cellular";"jul";"thu";187;2;999;0;"nonexistent";1.4;93.918;-42.7;4.962;5228.1;"no"',
    '62;"retired";"unknown";"unknown";"no";"unknown";"unknown";"cellular";"oct";"tue";540;1;4;2;"success";-3.4;92.431;-26.9;0.754;5017.5;"yes"',
    "",
    'forty;"admin.";"single";"university.degree";"no";"no";"no";"cellular";"may";"wed";99;1;999;0;"nonexistent";-1.8;92.893;-46.2;1.281;5099.1;"no"',
    '30;"admin.";"single";"high.school";"no";"no";"no";"cellular";"may";"wed";99;1.5;999;0;"nonexistent";-1.8;92.893;-46.2;abc;5099.1;"YES?"',
    '12;"student";"single";"basic.9y";"no";"no";"no";"cellular";"may";"wed";99;1;999;0;"nonexistent";-1.8;92.893;-46.2;1.281;5099.1;"no"',
    '"41";"services";"divorced";"high.school";"unknown";"no";"no";"telephone";"jun";"fri";0;3;999;1;"failure";1.4;94.465;-41.8;4.959;5228.1;"Yes"',
    '50;"admin."',
    '50;"admin.',
  ].join("\n");
  const parsed = parseBankCsv(text);

  it("reads every non-blank data line and keeps the three good ones", () => {
    expect(parsed.linesRead).toBe(8);
    expect(parsed.rows.map((r) => r.line)).toEqual([2, 3, 8]);
  });

  it("keeps all 21 columns: quotes stripped, numbers as numbers, pdays 999 → null and not previously contacted, y no → not converted", () => {
    expect(parsed.rows[0]).toEqual({
      line: 2,
      age: 35,
      job: "blue-collar",
      marital: "married",
      education: "basic.9y",
      default: "no",
      housing: "yes",
      loan: "no",
      contact: "cellular",
      month: "jul",
      dayOfWeek: "thu",
      duration: 187,
      campaign: 2,
      pdays: null,
      previouslyContacted: false,
      previous: 0,
      poutcome: "nonexistent",
      empVarRate: 1.4,
      consPriceIdx: 93.918,
      consConfIdx: -42.7,
      euribor3m: 4.962,
      nrEmployed: 5228.1,
      converted: false,
      missing: [],
    });
  });

  it('"unknown" is null and listed as missing; pdays 4 is kept with previouslyContacted; y yes → converted', () => {
    expect(parsed.rows[1]).toMatchObject({
      marital: null,
      education: null,
      housing: null,
      loan: null,
      default: "no",
      pdays: 4,
      previouslyContacted: true,
      previous: 2,
      poutcome: "success",
      converted: true,
      missing: ["marital", "education", "housing", "loan"],
    });
  });

  it("a quoted number is a number; y is case-insensitive", () => {
    expect(parsed.rows[2]).toMatchObject({ line: 8, age: 41, default: null, duration: 0, converted: true, missing: ["default"] });
  });

  it("reports each bad value with its line and column, a short line and an open quote once", () => {
    expect(parsed.problems).toEqual([
      { line: 5, column: "age", message: 'expected a whole number ≥ 0, found "forty"' },
      { line: 6, column: "campaign", message: 'expected a whole number ≥ 0, found "1.5"' },
      { line: 6, column: "euribor3m", message: 'expected a number, found "abc"' },
      { line: 6, column: "y", message: 'expected yes or no, found "YES?"' },
      { line: 7, column: "age", message: "expected an age from 13 to 120, found 12" },
      { line: 9, message: "expected 21 semicolon-separated fields, found 2" },
      { line: 10, message: "expected a closing double quote for the field starting at character 4, found the end of the line" },
    ]);
  });

  it("refuses a file without the columns it needs, naming them", () => {
    expect(() => parseBankCsv("")).toThrow(ImportFormatError);
    const noOutcome = bankHeader.replace(';"nr.employed";"y"', "");
    expect(() => parseBankCsv(`${noOutcome}\n1`)).toThrow(/^expected header columns "nr\.employed", "y" \(line 1\), found only "age", "job", /);
  });

  it("splitBankLine: ; inside quotes stays, doubled quotes are one, spaces around a field go", () => {
    expect(splitBankLine('1; "a;b" ;"say ""hi""";x;')).toEqual(["1", "a;b", 'say "hi"', "x", ""]);
    expect(splitBankLine('"a"b;c')).toBe('expected ";" after the quoted field starting at character 1, found "b"');
  });

  it("attributes: age, job, maritalStatus, education typed; the other columns under their header names in extra, with converted", () => {
    expect(bankHandle(2)).toBe("bank-2");
    expect(bankRowToAttributes(parsed.rows[0])).toEqual({
      age: 35,
      job: "blue-collar",
      maritalStatus: "married",
      education: "basic.9y",
      extra: {
        default: "no",
        housing: "yes",
        loan: "no",
        contact: "cellular",
        month: "jul",
        day_of_week: "thu",
        duration: 187,
        campaign: 2,
        pdays: null,
        previous: 0,
        poutcome: "nonexistent",
        "emp.var.rate": 1.4,
        "cons.price.idx": 93.918,
        "cons.conf.idx": -42.7,
        euribor3m: 4.962,
        "nr.employed": 5228.1,
        converted: false,
      },
    });
    // A missing typed attribute is left out; a missing extra one is null (the model reads it as missing).
    const second = bankRowToAttributes(parsed.rows[1]);
    expect(second).not.toHaveProperty("maritalStatus");
    expect(second).not.toHaveProperty("education");
    expect(second.extra).toMatchObject({ housing: null, loan: null, pdays: 4, converted: true });
  });
});
