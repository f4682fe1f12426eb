#!/usr/bin/env python3
"""Writes Arc.Domain/Users/common-passwords.txt: passwords people choose most, built from well-known patterns
(popular words and names with the digits, years and symbols people add, keyboard walks, repeated digits).
The portal refuses any of them whatever the case. Run again after editing the lists; the output is sorted."""
import itertools, pathlib

WORDS = """
password passwort passw0rd p@ssword p@ssw0rd pa55word pass pasword qwerty qwertz azerty letmein welcome admin
administrator root user login master secret changeme default guest test tester testing access monkey dragon
shadow sunshine princess football baseball basketball soccer hockey iloveyou loveyou lovely love trustno1
superman batman spiderman starwars pokemon naruto whatever freedom flower flowers charlie michael jennifer
jessica michelle ashley daniel thomas robert jordan hunter ranger buster tigger summer winter spring autumn
computer internet samsung google apple chocolate cookie cheese pepper ginger maggie bailey harley mustang
corvette ferrari porsche mercedes yankees cowboys eagles steelers lakers liverpool chelsea arsenal barcelona
killer hello hello1 goodbye friends family forever angel angels jesus christ blessed heaven purple orange
yellow silver golden diamond matrix hacker cheater banana qazwsx asdfgh zxcvbn abc abcd abcdef qwertyuiop
asdfghjkl zxcvbnm letmein! monday friday sunday secure security company office manager service support
portal arcimoto arcportal vehicle fleet electric tesla server database oracle system network wireless
dolphin tiger lion bear wolf eagle falcon phoenix thunder lightning rainbow butterfly sparkle babygirl
babyboy sweetheart sweetie honey darling beautiful princess1 prince king queen london paris berlin newyork
america canada mexico russia germany france england brazil jordan23 michael1 nicole daniel1 andrew joshua
matthew anthony william richard charles george joseph david james john mary linda patricia elizabeth
barbara susan sarah karen nancy lisa betty dorothy sandra amanda melissa deborah stephanie rebecca laura
sharon cynthia kathleen amy angela shirley anna brenda pamela emma olivia sophia isabella mia charlotte
amelia harper evelyn abigail emily madison chloe grace victoria natalie hannah samantha justin austin
tyler brandon christopher nicholas jonathan benjamin samuel alexander patrick kevin brian jason ryan
eric steven timothy jeffrey gregory raymond edward jacob gary larry frank scott ginger123 snoopy
mickey minnie garfield scooby pikachu mario zelda minecraft fortnite roblox warcraft starcraft
playstation xbox nintendo gaming gamer player soccer1 music guitar rockstar rocknroll metallica nirvana
beatles eminem justinbieber onedirection taylorswift peace happy smile lucky freedom1 liberty justice
money dollar million richman cash bitcoin crypto shopping qwerty123 zaq12wsx qwe123 asd123 zxc123
iloveu iloveyou2 mylove loveme kisses hottie sexy sexygirl naughty bigdaddy daddy mommy mother father
sister brother family1 welcome123 summer2024 spring2024 nothing unknown anything something everything
""".split()

KEYBOARD = """
qwertyui qwertyuiop qwertyuiop[] asdfghjk asdfghjkl asdfghjkl; zxcvbnm, zxcvbnm,. 1qaz2wsx 1qaz2wsx3edc
qazwsxedc qazwsxedcrfv 1q2w3e4r 1q2w3e4r5t 1q2w3e4r5t6y q1w2e3r4 q1w2e3r4t5 zaq1xsw2 zaq12wsx !qaz2wsx
1qazxsw2 qweasdzxc qweasd123 poiuytrewq lkjhgfdsa mnbvcxz 12qwaszx 123qweasd 123qweasdzxc qwer1234
asdf1234 zxcv1234 1234qwer 1234asdf abcd1234 abc12345 a1b2c3d4 a1b2c3d4e5 aaaaaaaa abcdefgh abcdefg1
""".split()

SUFFIXES = ["", "1", "12", "13", "21", "23", "69", "99", "01", "007", "123", "1234", "12345", "123456", "!", "1!",
            "123!", "@123", "#1", "!@#"]
YEARS = [str(y) for y in range(1990, 2031)]
# Only the most chosen words are also tried with years, which keeps the list small.
WITH_YEARS = 60

def candidates():
    for rank, word in enumerate(WORDS):
        for suffix in SUFFIXES:
            yield word + suffix
        for year in YEARS if rank < WITH_YEARS else []:
            yield word + year
            yield word + year + "!"
        yield word + word
        yield "my" + word
        yield "i" + "love" + word
    yield from KEYBOARD
    for walk in KEYBOARD:
        for suffix in ["1", "!", "123", "12345"]:
            yield walk + suffix
    digits = "1234567890" * 2
    for n in range(8, 17):
        yield digits[:n]
        yield digits[:n][::-1]
    yield from ["12345678910", "1234567891011", "123456789101112"]
    for d in "0123456789":
        for n in range(8, 13):
            yield d * n
    for a, b in itertools.product("0123456789", repeat=2):
        if a != b:
            yield (a + b) * 4
    for w in ["abc", "xyz", "qwe", "asd", "zxc"]:
        yield w * 3
    yield from ["11223344", "12121212", "12344321", "13131313", "147258369", "159357456", "123123123", "123321123",
                "1234512345", "11112222", "987654321", "password1234", "iloveyou1234", "changeme123", "letmein123"]

def main():
    chosen = sorted({c.lower() for c in candidates() if 8 <= len(c) <= 64})
    target = pathlib.Path(__file__).resolve().parent.parent / "Arc.Domain" / "Users" / "common-passwords.txt"
    target.write_text("\n".join(chosen) + "\n", encoding="utf-8")
    print(f"{len(chosen)} passwords written to {target}")

main()
