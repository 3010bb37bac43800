"""The region check's messages, word for word: what a contributor reads is the product, so a changed
hint, a lost 是不是 or a wrong level name is a bug a test must see."""

from __future__ import annotations

import pytest

from casebook.declare.divisions import load_divisions

MESSAGES = [
    (("吉林", None, None), "province", "吉林 不是省级行政区的官方名称，是不是 吉林省？"),
    (("火星省", None, None), "province", "火星省 不是省级行政区的官方名称；请填写官方全称（如 北京市、天津市）"),
    (("吉林省", "长春", None), "city", "长春 不是吉林省 下的市（州、盟）的官方名称，是不是 长春市？"),
    (("陕西省", "长春市", None), "city", "长春市 不属于 陕西省（属于吉林省）；请检查 province/city 是否填对"),
    (("北京市", "海淀区", None), "city", "海淀区 是 北京市 直辖的区县，不是市：请写成 county: 海淀区，不写 city"),
    (("陕西省", "安康市", "石泉"), "county", "石泉 不是安康市 下的县（市、区、旗）的官方名称，是不是 石泉县？"),
    (("北京市", None, "海淀"), "county", "海淀 不是北京市 下的县（市、区、旗）的官方名称，是不是 海淀区？"),
    (("吉林省", "长春市", "火星县"), "county", "火星县 不是长春市 下的县（市、区、旗）的官方名称；请填写官方全称（如 南关区、宽城区）"),
    (("吉林省", "长春市", "海淀区"), "county", "海淀区 不属于 长春市（属于北京市）；请检查 province/city 是否填对"),
    (("吉林省", "吉林市", "朝阳区"), "county", "朝阳区 不属于 吉林市（属于北京市、属于吉林省长春市）；请检查 province/city 是否填对"),
    (("陕西省", None, "石泉县"), "county", "石泉县 属于 安康市，请同时填写 city: 安康市"),
    # a level the table does not have there: the fix is to leave the key out, not a better name
    (("北京市", "北京市", None), "city", "北京市 是直辖市，不用再写一遍：请删掉 city: 北京市 这一行，区县写在 county 里"),
    (("上海市", "浦东市", None), "city", "上海市 是直辖市，下面没有市一级：请删掉 city: 浦东市 这一行，区县写在 county 里"),
    (("香港特别行政区", "香港", None), "city", "香港特别行政区 在行政区划表里没有下级区划：请删掉 city: 香港 这一行"),
    (("澳门特别行政区", None, "花地玛堂区"), "county", "澳门特别行政区 在行政区划表里没有下级区划：请删掉 county: 花地玛堂区 这一行"),
    (("广东省", "东莞市", "南城区"), "county", "东莞市 下面不设县级区划：请删掉 county: 南城区 这一行"),
    (("甘肃省", "嘉峪关市", "雄关区"), "county", "嘉峪关市 下面不设县级区划：请删掉 county: 雄关区 这一行"),
    (("广东省", None, "东莞市"), "county", "东莞市 是市，不是县（市、区、旗）：请写成 city: 东莞市，不写 county"),
    (("广东省", None, "火星县"), "county", "火星县 不是广东省 下的县（市、区、旗）的官方名称；请填写官方全称（如 广州市、韶关市）"),
]


@pytest.mark.parametrize("region,field,message", MESSAGES, ids=[f"message-{i}" for i in range(len(MESSAGES))])
def test_region_messages(region, field, message):
    assert load_divisions().check(*region) == [(field, message)]


@pytest.mark.parametrize("region", [("吉林省", None, None), ("吉林省", "长春市", None), ("吉林省", "长春市", "朝阳区"),
                                    ("北京市", None, "海淀区"), ("陕西省", "安康市", "石泉县"), ("新疆维吾尔自治区", None, None)])
def test_real_places_pass(region):
    assert load_divisions().check(*region) == []


def test_up_to_three_suggestions_for_a_near_name():
    [(field, message)] = load_divisions().check("吉林省", "长春市", "朝阳")
    assert field == "county" and message.endswith("是不是 朝阳区？")
    [(_, message)] = load_divisions().check("吉林省", "长春", None)
    assert message.count("、") <= 2  # never more than three names offered
