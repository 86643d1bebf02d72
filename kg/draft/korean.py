"""What kg draft knows of Korean: particles glued to names, family names, titles after a name, and the
head words that end the names of bodies and initiatives. Grammar and naming conventions only: no name
of any particular body.

>>> particle_after("부산시는 30일", 3), particle_after("부산시장이", 3), particle_after("부산시 회의", 3)
('는', None, '')
>>> split_particle("‘협의회’를"), split_particle("남정은"), split_particle("라이프산업 활성화다")
(('‘협의회’', '를'), ('남정은', ''), ('라이프산업 활성화', '다'))
"""
import re

HANGUL = re.compile(r"[\uac00-\ud7a3]")

# Case particles, the topic marker, 'and', 'and others' and the copula, longest first.
PARTICLES = tuple(sorted({
    "에서는", "으로는", "에서도", "으로도", "이라는", "에게는", "와의", "과의", "에서의", "으로의", "로서", "으로서",
    "에서", "으로", "에게", "에는", "에도", "까지", "부터", "처럼", "보다", "라는", "이다", "이며", "이고",
    "께서", "로는", "로도", "과는", "와는", "이나", "이란", "이자", "만의", "에의",
    "은", "는", "이", "가", "을", "를", "의", "와", "과", "도", "에", "로", "다", "며", "랑",
}, key=len, reverse=True))

SURNAMES = frozenset("김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 류 유 홍 전 고 문 양 손 배 백 허 남 심 노 하 곽 "
                     "성 차 주 우 구 민 나 진 지 엄 채 원 천 방 공 현 함 변 염 여 추 도 소 석 선 설 마 길 연 위 표 명 기 반 "
                     "라 왕 금 옥 육 인 맹 제 모 탁 국 어 은 편 용 예 경 봉 사 부 복 태 목 형 피 두 감 음 빈 동 온 호 범 좌 "
                     "팽 승 간 상 갈 단 견 당 화 창 옹 순 빙 종 풍 영 독".split())

# Titles written after a person's name (박형준 시장, 남정은 시 청년산학국장, 국주영은 전라북도의장),
# longest first; the role each gives towards the body it names or implies.
TITLES = {
    "부시장": "member", "부지사": "member", "부위원장": "member", "부회장": "member", "부원장": "member",
    "도지사": "head", "지사": "head", "시장": "head", "군수": "head", "구청장": "head", "청장": "head",
    "원장": "head", "회장": "head", "대표이사": "head", "대표": "head", "이사장": "head", "총장": "head",
    "장관": "head", "센터장": "head", "본부장": "head", "사장": "head", "단장": "head", "관장": "head",
    "소장": "head", "처장": "head", "위원장": "chair", "의장": "chair",
    "차관": "member", "국장": "member", "실장": "member", "과장": "member", "교수": "member", "의원": "member",
    "위원": "member", "이사": "member", "기자": "member",
}
TITLE_RE = re.compile("(?:" + "|".join(sorted(TITLES, key=len, reverse=True)) + ")$")

# Not names, though they start with a family name and stand before a title (지역 시장: a local market).
NOT_NAMES = frozenset("지역 해외 국내 글로벌 세계 금융 주식 전통 노동 수출 도시 신규 기존 현 전 전임 신임 차기 역대 "
                      "각 모든 여러 이번 해당 공동 명예 초대 당연직 시 도 군 구 기업 업체 기관 단체 대학 학교 협회 관계 참석 주요 지난달 "
                      "전문 유관 관련 중소 지역 정부 민간 공공 시민 학생 청년".split())

# Head words that end a name, and the class they give it (checked longest first).
HEADS = [
    ("대학교", "University"), ("대학", "University"), ("연구원", "ResearchInstitute"), ("연구소", "ResearchInstitute"),
    ("진흥원", "PromotionAgency"), ("혁신원", "InnovationAgency"), ("평가원", "InnovationAgency"),
    ("테크노파크", "Technopark"), ("위원회", "Committee"), ("특위", "Committee"), ("협의회", "Council"),
    ("중앙회", "IndustryAssociation"), ("협회", "IndustryAssociation"), ("연합회", "IndustryAssociation"),
    ("상공회의소", "IndustryAssociation"), ("재단", "PromotionAgency"), ("센터", "InnovationAgency"),
    ("조합", "Cooperative"), ("공사", "GovernmentBody"), ("공단", "GovernmentBody"), ("본부", "RegionalUnit"),
    ("지역본부", "RegionalUnit"), ("포럼", "IndustryAssociation"), ("보고회", "Meeting"), ("회의", "Meeting"),
    ("토론회", "Meeting"), ("설명회", "Meeting"), ("간담회", "Meeting"), ("출범식", "Meeting"), ("협약식", "Meeting"),
    ("박람회", "Meeting"), ("사업공모", "FundingCall"), ("공모사업", "Programme"), ("공모", "FundingCall"),
    ("사업", "Project"), ("프로젝트", "Project"), ("프로젝드", "Project"), ("계획안", "Plan"), ("계획", "Plan"),
    ("전략", "Strategy"), ("업무협약", "MemorandumOfUnderstanding"), ("협약", "MemorandumOfUnderstanding"),
    ("조례", "Plan"), ("특화단지", "IndustrialComplex"), ("산업단지", "IndustrialComplex"), ("산단", "IndustrialComplex"),
    ("플랫폼", "Project"), ("전담조직", "TaskForce"), ("추진단", "TaskForce"), ("체계", "Programme"),
    ("전자", "Company"), ("그룹", "Company"), ("은행", "Company"), ("공장", "Programme"),
]
HEADS.sort(key=lambda h: len(h[0]), reverse=True)
# The ministries of the Korean government end in 부; other words do too (본부, 정부, 일부), so a
# ministry is one of these.
MINISTRY = re.compile(r"(?:교육|과학기술정보통신|외교|통일|법무|국방|행정안전|문화체육관광|농림축산식품|산업통상자원|산업통상|"
                      r"보건복지|환경|고용노동|여성가족|국토교통|해양수산|중소벤처기업|기획재정|산업|중기)부$")
# Words that end in a head word but are not names (사업 is a head; 신사업, 본사업 are not names).
NOT_HEADED = frozenset("사업 신사업 본사업 전략 계획 협약 회의 체계 센터 공장 플랫폼 조례 공모 재단 본부 포럼 그룹 전자 은행 "
                       "공사 공단 조합 대학 대학교 연구원 협회 위원회 협의회 위원 업무협약 지원체계 추진체계 협력체계".split())


def head_type(word, alone=False):
    """(head, class) of a word ending in a head word, or None.

    >>> head_type("부산지산학협력협의회"), head_type("산업통상자원부"), head_type("정부"), head_type("협의회")
    (('협의회', 'Council'), ('부', 'Ministry'), None, None)
    """
    if word in NOT_HEADED and not alone:
        return None
    if MINISTRY.search(word):
        return ("부", "Ministry")
    for head, cls in HEADS:
        if word.endswith(head):
            return (head, cls)
    return None


def particle_after(text, end):
    """The particle glued after offset END of TEXT ('' when the word ends there), or None when the
    word goes on with something else (부산시|장이: the name is not 부산시)."""
    m = re.match(r"[\uac00-\ud7a3]*", text[end:])
    rest = m.group(0)
    if not rest:
        return ""
    return rest if rest in PARTICLES else None


def split_particle(word):
    """(stem, particle) of a word: the longest trailing particle whose stem keeps two characters or
    more, and ends in a closing quote or bracket, or in a Hangul syllable; ('word', '') for a name that
    merely ends in such a syllable when its stem would be a lone family name plus one syllable."""
    for p in PARTICLES:
        if word.endswith(p) and len(word) - len(p) >= 2:
            stem = word[:-len(p)]
            if _person_like(word) and not _person_like(stem):
                return word, ""
            return stem, p
    return word, ""


def _person_like(word):
    return len(word) in (3, 4) and word[0] in SURNAMES and all(HANGUL.match(c) for c in word)
