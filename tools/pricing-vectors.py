#!/usr/bin/env python3
"""Writes src/test/resources/pricing/vectors.json, the shared test vectors of the two pricing engines.

Every expected figure below was worked out by hand from the rules in PricingEngine's Javadoc (the arithmetic is
in the comments); nothing here runs either engine. The Java tests (PricingVectorsTest) and the browser test
(PricingTwinBrowserTest) both price every case and must match these figures to the cent.
"""
import json, pathlib

CATALOG = [
    dict(id=1, name="Hot dog klasyczny", category="hot-dogs", priceMinor=1290, vatRateBp=800),
    dict(id=2, name="Hot dog chili", category="hot-dogs", priceMinor=1690, vatRateBp=800),
    dict(id=3, name="Hot dog XXL", category="hot-dogs", priceMinor=1990, vatRateBp=800),
    dict(id=4, name="Frytki", category="sides", priceMinor=990, vatRateBp=800),
    dict(id=5, name="Cola", category="drinks", priceMinor=690, vatRateBp=2300),
    dict(id=6, name="Woda", category="drinks", priceMinor=490, vatRateBp=800),
    dict(id=7, name="Kawa", category="drinks", priceMinor=790, vatRateBp=800),
    dict(id=8, name="Odd", category="sides", priceMinor=333, vatRateBp=800),
]
C, CH, X, F, K, W, CF, O = 1, 2, 3, 4, 5, 6, 7, 8
NOON = "2026-06-10T10:00:00Z"  # Wednesday 12:00 in Warsaw (CEST)
cases = []


def promo(id, kind, name=None, priority=0, exclusive=False, standIds=None, requiresCode=False,
          customersOnly=False, window=None, **rule):
    p = dict(id=id, name=name or f"{kind} {id}", kind=kind, priority=priority, exclusive=exclusive,
             standIds=standIds or [], requiresCode=requiresCode, customersOnly=customersOnly)
    if window:
        p["window"] = window
    p.update(rule)
    return p


def products(*ids):
    return dict(productIds=list(ids), categories=[])


def category(*names):
    return dict(productIds=[], categories=list(names))


def case(name, promotions, lines, subtotal, discount, applied, line_discounts, at=NOON, stand=1, codes=None,
         customer=None, limits=None, capped=False, vat=None):
    assert subtotal - discount >= 0
    assert sum(a[1] for a in applied) == discount, name
    assert sum(line_discounts) == discount, name
    c = dict(name=name, promotions=promotions,
             cart=dict(standId=stand, at=at, lines=[dict(productId=p, quantity=q) for p, q in lines],
                       codePromotionIds=codes or [], customer=customer),
             limits=limits or {},
             expected=dict(subtotalMinor=subtotal, discountMinor=discount, totalMinor=subtotal - discount,
                           applied=[dict(promotionId=a[0], amountMinor=a[1]) for a in applied],
                           lineDiscounts=line_discounts, capped=capped))
    if vat:
        c["expected"]["vat"] = [dict(rateBp=r, grossMinor=g, netMinor=n, vatMinor=g - n) for r, g, n in vat]
    cases.append(c)


def purchases(*specs):
    """specs: (at, [(productId, qty)])"""
    return dict(purchases=[dict(at=at, items=[dict(productId=p, quantity=q) for p, q in items]) for at, items in specs])


# ---- no promotion, product discounts
case("no promotions", [], [(C, 1)], 1290, 0, [], [0], vat=[(800, 1290, 1194)])  # 1290/1.08 = 1194.44
case("percent off one product", [promo(1, "PRODUCT_DISCOUNT", target=products(C), percentBp=1000)],
     [(C, 2)], 2580, 258, [(1, 258)], [258])
case("percent off a category rounds half up per line",
     [promo(1, "PRODUCT_DISCOUNT", target=category("hot-dogs"), percentBp=1500)],
     [(C, 1), (CH, 1), (K, 1)], 3670, 448, [(1, 448)], [194, 254, 0])  # 193.5 -> 194, 253.5 -> 254
case("fixed amount off each unit", [promo(1, "PRODUCT_DISCOUNT", target=products(CH), amountMinor=200)],
     [(CH, 3)], 5070, 600, [(1, 600)], [600])
case("fixed amount above the price stops at zero", [promo(1, "PRODUCT_DISCOUNT", target=products(W), amountMinor=1000)],
     [(W, 2)], 980, 980, [(1, 980)], [980])
case("half of an odd price rounds half up", [promo(1, "PRODUCT_DISCOUNT", target=products(O), percentBp=5000)],
     [(O, 1)], 333, 167, [(1, 167)], [167])  # 166.5 -> 167
case("half of three odd prices rounds once per line", [promo(1, "PRODUCT_DISCOUNT", target=products(O), percentBp=5000)],
     [(O, 3)], 999, 500, [(1, 500)], [500])  # 499.5 -> 500
case("a product discount leaves other products alone", [promo(1, "PRODUCT_DISCOUNT", target=products(K), percentBp=1000)],
     [(C, 1)], 1290, 0, [], [0])

# ---- bundles
COMBO = dict(components=[dict(target=category("hot-dogs"), quantity=1), dict(target=products(K), quantity=1)], percentBp=2000)
case("combo hot dog + cola -20%", [promo(1, "BUNDLE", name="Combo hot dog + cola -20%", **COMBO)],
     [(C, 1), (K, 1)], 1980, 396, [(1, 396)], [258, 138])  # 1980*.2 = 396 -> 258/138 exactly
case("a combo applies as often as the cart allows", [promo(1, "BUNDLE", **COMBO)],
     [(C, 2), (K, 3)], 4650, 792, [(1, 792)], [516, 276])
case("a combo takes the dearest hot dog", [promo(1, "BUNDLE", **COMBO)],
     [(C, 1), (X, 1), (K, 1)], 3970, 536, [(1, 536)], [0, 398, 138])  # 2680*.2 = 536; 536*1990/2680 = 398
MEAL = [dict(target=category("hot-dogs"), quantity=1), dict(target=products(F), quantity=1), dict(target=products(K), quantity=1)]
case("a fixed combo price spreads by largest remainder", [promo(1, "BUNDLE", components=MEAL, priceMinor=2500)],
     [(C, 1), (F, 1), (K, 1)], 2970, 470, [(1, 470)], [204, 157, 109])
# 470 over 1290/990/690: floors 204 (r420) 156 (r1980) 109 (r570) = 469, one more to fries
case("a combo price above the items' value gives nothing", [promo(1, "BUNDLE", components=MEAL, priceMinor=3000)],
     [(C, 1), (F, 1), (K, 1)], 2970, 0, [], [0, 0, 0])
case("an amount off a bundle", [promo(1, "BUNDLE", components=[dict(target=products(C), quantity=1), dict(target=products(F), quantity=1)], amountMinor=300)],
     [(C, 1), (F, 1)], 2280, 300, [(1, 300)], [170, 130])  # floors 169 (r1680) 130 (r600), one more to the hot dog
case("a bundle of two of the same", [promo(1, "BUNDLE", components=[dict(target=category("hot-dogs"), quantity=2)], percentBp=1000)],
     [(C, 3)], 3870, 258, [(1, 258)], [258])
case("an incomplete combo gives nothing", [promo(1, "BUNDLE", **COMBO)], [(C, 2)], 2580, 0, [], [0])
case("two combos pair the dearest items first",
     [promo(1, "BUNDLE", components=[dict(target=category("hot-dogs"), quantity=1), dict(target=category("drinks"), quantity=1)], percentBp=2000)],
     [(C, 1), (X, 1), (K, 1), (W, 1)], 4460, 892, [(1, 892)], [258, 398, 138, 98])
# XXL+cola 2680 -> 536 (398/138); classic+water 1780 -> 356 (258/98)

# ---- buy X get Y
THIRD_FREE = dict(target=category("hot-dogs"), buy=2, get=1, percentBp=10000)
case("the third hot dog is free", [promo(1, "BUY_X_GET_Y", name="Third hot dog free", **THIRD_FREE)],
     [(C, 3)], 3870, 1290, [(1, 1290)], [1290])
case("the cheapest hot dog is the free one", [promo(1, "BUY_X_GET_Y", **THIRD_FREE)],
     [(C, 1), (CH, 1), (X, 1)], 4970, 1290, [(1, 1290)], [1290, 0, 0])
case("six hot dogs make two free", [promo(1, "BUY_X_GET_Y", **THIRD_FREE)],
     [(C, 2), (CH, 2), (X, 2)], 9940, 2580, [(1, 2580)], [2580, 0, 0])
case("two hot dogs are not a group", [promo(1, "BUY_X_GET_Y", **THIRD_FREE)], [(C, 2)], 2580, 0, [], [0])
case("second cola half price", [promo(1, "BUY_X_GET_Y", target=products(K), buy=1, get=1, percentBp=5000)],
     [(K, 3)], 2070, 345, [(1, 345)], [345])
case("half of an odd second item rounds half up", [promo(1, "BUY_X_GET_Y", target=products(O), buy=1, get=1, percentBp=5000)],
     [(O, 2)], 666, 167, [(1, 167)], [167])

# ---- order discounts
case("10% off from 30 zl", [promo(1, "ORDER_DISCOUNT", minSubtotalMinor=3000, percentBp=1000)],
     [(C, 2), (K, 1)], 3270, 327, [(1, 327)], [258, 69])
case("below the minimum nothing", [promo(1, "ORDER_DISCOUNT", minSubtotalMinor=3000, percentBp=1000)],
     [(C, 1), (K, 1)], 1980, 0, [], [0, 0])
case("5 zl off from 20 zl", [promo(1, "ORDER_DISCOUNT", minSubtotalMinor=2000, amountMinor=500)],
     [(CH, 1), (F, 1)], 2680, 500, [(1, 500)], [315, 185])  # floors 315 (r800) 184 (r1880)
case("an order percentage spreads its remainder", [promo(1, "ORDER_DISCOUNT", minSubtotalMinor=0, percentBp=1500)],
     [(O, 1), (K, 1), (W, 1)], 1513, 227, [(1, 227)], [50, 104, 73])
# 1513*.15 = 226.95 -> 227; floors 49 (r1454) 103 (r791) 73 (r781) = 225, +1 odd, +1 cola
case("an order amount above the total stops at zero", [promo(1, "ORDER_DISCOUNT", minSubtotalMinor=0, amountMinor=5000)],
     [(W, 1)], 490, 490, [(1, 490)], [490])

# ---- stacking and exclusivity
case("an amount per unit then 10% off the order", [
    promo(1, "PRODUCT_DISCOUNT", priority=10, target=products(C), amountMinor=300),
    promo(2, "ORDER_DISCOUNT", priority=5, minSubtotalMinor=0, percentBp=1000)],
     [(C, 2), (K, 1)], 3270, 867, [(1, 600), (2, 267)], [798, 69])
# 2580-600 = 1980; (1980+690)*.1 = 267 -> 198/69 exactly
case("priority decides the order: 10% first, then the amount", [
    promo(1, "PRODUCT_DISCOUNT", priority=10, target=products(C), amountMinor=300),
    promo(2, "ORDER_DISCOUNT", priority=20, minSubtotalMinor=0, percentBp=1000)],
     [(C, 2), (K, 1)], 3270, 927, [(2, 327), (1, 600)], [858, 69])
case("stacked percentages compound", [
    promo(1, "PRODUCT_DISCOUNT", priority=10, target=products(C), percentBp=1000),
    promo(2, "ORDER_DISCOUNT", priority=5, minSubtotalMinor=0, percentBp=1000)],
     [(C, 2), (K, 1)], 3270, 559, [(1, 258), (2, 301)], [490, 69])
# 2322+690 = 3012 -> 301.2 -> 301; floors 232 (r138) 68 (r2874) -> +1 cola
case("an exclusive promotion beats weaker stackables", [
    promo(1, "PRODUCT_DISCOUNT", priority=10, target=category("hot-dogs"), percentBp=1000),
    promo(2, "PRODUCT_DISCOUNT", exclusive=True, target=products(C), percentBp=3000)],
     [(C, 2)], 2580, 774, [(2, 774)], [774])
case("stackables beat a weaker exclusive", [
    promo(1, "PRODUCT_DISCOUNT", priority=10, target=category("hot-dogs"), percentBp=2000),
    promo(2, "ORDER_DISCOUNT", priority=5, minSubtotalMinor=0, percentBp=1000),
    promo(3, "PRODUCT_DISCOUNT", exclusive=True, target=products(C), percentBp=2500)],
     [(C, 2)], 2580, 722, [(1, 516), (2, 206)], [722])  # 2064 -> 206.4 -> 206; the exclusive alone gives 645
case("the best of two exclusives wins", [
    promo(1, "PRODUCT_DISCOUNT", exclusive=True, target=products(C), percentBp=2000),
    promo(2, "PRODUCT_DISCOUNT", exclusive=True, target=products(C), amountMinor=300)],
     [(C, 1)], 1290, 300, [(2, 300)], [300])
case("on a tie the higher priority exclusive wins", [
    promo(1, "PRODUCT_DISCOUNT", exclusive=True, priority=5, target=products(C), percentBp=1000),
    promo(2, "PRODUCT_DISCOUNT", exclusive=True, priority=10, target=products(C), percentBp=1000)],
     [(C, 1)], 1290, 129, [(2, 129)], [129])
case("a combo uses its hot dog so the third-free rule cannot", [
    promo(1, "BUNDLE", priority=10, **COMBO),
    promo(2, "BUY_X_GET_Y", priority=5, **THIRD_FREE)],
     [(C, 3), (K, 1)], 4560, 396, [(1, 396)], [258, 138])
case("third-free first uses all hot dogs so the combo cannot", [
    promo(1, "BUNDLE", priority=5, **COMBO),
    promo(2, "BUY_X_GET_Y", priority=10, **THIRD_FREE)],
     [(C, 3), (K, 1)], 4560, 1290, [(2, 1290)], [1290, 0])
case("a product discount stacks on a combo's items", [
    promo(1, "PRODUCT_DISCOUNT", priority=10, target=products(C), percentBp=1000),
    promo(2, "BUNDLE", priority=5, **COMBO)],
     [(C, 1), (K, 1)], 1980, 525, [(1, 129), (2, 396)], [387, 138])

# ---- the cap
case("the cap trims an exclusive to 30% of the subtotal",
     [promo(1, "PRODUCT_DISCOUNT", exclusive=True, target=products(C), percentBp=5000)],
     [(C, 2)], 2580, 774, [(1, 774)], [774], limits=dict(maxDiscountBp=3000), capped=True)
case("an absolute cap of 5 zl", [promo(1, "ORDER_DISCOUNT", minSubtotalMinor=0, percentBp=2000)],
     [(C, 1), (CH, 1)], 2980, 500, [(1, 500)], [216, 284], limits=dict(maxDiscountMinor=500), capped=True)
# 596 -> 258/338; excess 96 -> cuts 41 (r332) 54 (r264) +1 first -> 42/54
case("the cap is shared by two promotions", [
    promo(1, "PRODUCT_DISCOUNT", priority=10, target=category("hot-dogs"), percentBp=3000),
    promo(2, "ORDER_DISCOUNT", priority=5, minSubtotalMinor=0, amountMinor=200)],
     [(C, 1), (K, 1)], 1980, 396, [(1, 261), (2, 135)], [337, 59], limits=dict(maxDiscountBp=2000), capped=True)
# 387 + 200 (113/87) = 587 > 396; line cuts 163/28, promotion cuts 126/65

# ---- time windows in Warsaw
HAPPY = dict(fromTime="11:15", toTime="13:00")
HH = lambda: promo(1, "PRODUCT_DISCOUNT", name="Happy hour", target=category("hot-dogs"), percentBp=2000, window=HAPPY)
case("happy hour at noon in summer", [HH()], [(C, 1)], 1290, 258, [(1, 258)], [258])
case("happy hour is over at 13:00", [HH()], [(C, 1)], 1290, 0, [], [0], at="2026-06-10T11:00:00Z")
case("happy hour at 11:30 in winter", [HH()], [(C, 1)], 1290, 258, [(1, 258)], [258], at="2026-01-14T10:30:00Z")
case("after the spring DST change 11:10 UTC is 13:10 in Warsaw", [HH()], [(C, 1)], 1290, 0, [], [0], at="2026-03-29T11:10:00Z")
case("before the spring DST change 11:10 UTC is 12:10 in Warsaw", [HH()], [(C, 1)], 1290, 258, [(1, 258)], [258], at="2026-03-28T11:10:00Z")
case("after the autumn DST change 10:10 UTC is 11:10 in Warsaw", [HH()], [(C, 1)], 1290, 0, [], [0], at="2026-10-25T10:10:00Z")
case("before the autumn DST change 10:10 UTC is 12:10 in Warsaw", [HH()], [(C, 1)], 1290, 258, [(1, 258)], [258], at="2026-10-24T10:10:00Z")
NIGHT = lambda: promo(1, "PRODUCT_DISCOUNT", target=products(C), percentBp=1000, window=dict(fromTime="22:00", toTime="02:00"))
case("a night promotion runs past midnight", [NIGHT()], [(C, 1)], 1290, 129, [(1, 129)], [129], at="2026-06-10T23:30:00Z")
case("a night promotion is off at noon", [NIGHT()], [(C, 1)], 1290, 0, [], [0])
WEEKEND = lambda: promo(1, "PRODUCT_DISCOUNT", target=products(C), percentBp=1000, window=dict(days=["SATURDAY", "SUNDAY"]))
case("a weekend promotion on Saturday", [WEEKEND()], [(C, 1)], 1290, 129, [(1, 129)], [129], at="2026-06-13T10:00:00Z")
case("Friday 22:30 UTC is already Saturday in Warsaw", [WEEKEND()], [(C, 1)], 1290, 129, [(1, 129)], [129], at="2026-06-12T22:30:00Z")
case("a weekend promotion is off on Wednesday", [WEEKEND()], [(C, 1)], 1290, 0, [], [0])
RANGE = lambda **w: promo(1, "PRODUCT_DISCOUNT", target=products(C), percentBp=1000, window=w)
case("before a promotion starts", [RANGE(**{"from": "2026-07-01T00:00:00Z"})], [(C, 1)], 1290, 0, [], [0])
case("a promotion's end is exclusive", [RANGE(to=NOON)], [(C, 1)], 1290, 0, [], [0])
case("inside a promotion's dates", [RANGE(**{"from": "2026-06-01T00:00:00Z", "to": "2026-07-01T00:00:00Z"})], [(C, 1)], 1290, 129, [(1, 129)], [129])

# ---- scope, codes, customers
STAND7 = lambda: promo(1, "PRODUCT_DISCOUNT", standIds=[7], target=products(C), percentBp=1000)
case("a stand's own promotion at that stand", [STAND7()], [(C, 1)], 1290, 129, [(1, 129)], [129], stand=7)
case("a stand's own promotion not at another stand", [STAND7()], [(C, 1)], 1290, 0, [], [0], stand=8)
CODE = lambda: promo(1, "PRODUCT_DISCOUNT", name="AK_HOT -20%", requiresCode=True, target=category("hot-dogs"), percentBp=2000)
case("a code promotion without its code", [CODE()], [(C, 1)], 1290, 0, [], [0])
case("a code promotion with its code", [CODE()], [(C, 1)], 1290, 258, [(1, 258)], [258], codes=[1])
MEMBERS = lambda: promo(1, "PRODUCT_DISCOUNT", customersOnly=True, target=products(C), percentBp=1000)
case("a members' promotion for a guest", [MEMBERS()], [(C, 1)], 1290, 0, [], [0])
case("a members' promotion for a registered customer", [MEMBERS()], [(C, 1)], 1290, 129, [(1, 129)], [129], customer=purchases())

# ---- loyalty
LOYAL = lambda: promo(1, "LOYALTY_PERCENT", name="Loyal customer -10%", minPurchases=5, withinDays=30, percentBp=1000)
five = purchases(*[(f"2026-06-0{d}T12:00:00Z", [(C, 1)]) for d in range(5, 10)])
four = purchases(*[(f"2026-06-0{d}T12:00:00Z", [(C, 1)]) for d in range(6, 10)])
old = purchases(("2026-05-10T09:00:00Z", [(C, 1)]), *[(f"2026-06-0{d}T12:00:00Z", [(C, 1)]) for d in range(6, 10)])
case("10% after five purchases in 30 days", [LOYAL()], [(C, 1), (K, 1)], 1980, 198, [(1, 198)], [129, 69], customer=five)
case("four purchases are not enough", [LOYAL()], [(C, 1), (K, 1)], 1980, 0, [], [0, 0], customer=four)
case("a purchase 31 days ago does not count", [LOYAL()], [(C, 1), (K, 1)], 1980, 0, [], [0, 0], customer=old)
TENTH = lambda: promo(1, "LOYALTY_NTH_FREE", name="Every 10th hot dog free", target=category("hot-dogs"), every=10)
case("the 10th hot dog is free and it is the cheapest", [TENTH()], [(C, 1), (CH, 1)], 2980, 1290, [(1, 1290)], [1290, 0],
     customer=purchases(("2026-06-01T12:00:00Z", [(C, 8)])))
case("a big order crosses two tens", [TENTH()], [(C, 11)], 14190, 2580, [(1, 2580)], [2580],
     customer=purchases(("2026-06-01T12:00:00Z", [(CH, 9)])))
case("not yet the 10th", [TENTH()], [(C, 2)], 2580, 0, [], [0], customer=purchases(("2026-06-01T12:00:00Z", [(C, 3)])))
case("loyalty needs a registered customer", [TENTH()], [(C, 10)], 12900, 0, [], [0])

# ---- VAT and lines
case("VAT per rate from gross prices", [], [(C, 1), (K, 1), (W, 1)], 2470, 0, [], [0, 0, 0],
     vat=[(800, 1780, 1648), (2300, 690, 561)])  # 1780/1.08 = 1648.15; 690/1.23 = 560.98
case("VAT after discounts", [promo(1, "ORDER_DISCOUNT", minSubtotalMinor=0, percentBp=1000)],
     [(C, 1), (K, 1)], 1980, 198, [(1, 198)], [129, 69], vat=[(800, 1161, 1075), (2300, 621, 505)])  # 621/1.23 = 504.88
case("the same product on two lines", [promo(1, "PRODUCT_DISCOUNT", target=products(C), percentBp=1000)],
     [(C, 1), (C, 2)], 3870, 387, [(1, 387)], [129, 258])

out = pathlib.Path(__file__).resolve().parent.parent / "src/test/resources/pricing/vectors.json"
out.write_text(json.dumps(dict(zone="Europe/Warsaw", catalog=CATALOG, cases=cases), indent=1, ensure_ascii=False) + "\n")
print(f"{len(cases)} cases -> {out}")
