"""Context that changes what a matched expression means: idioms, negation, reported speech,
quotations, song lyrics and other media, the past, jokes, generic questions.

Everything here works on folded text (see :mod:`.text`).
"""

from __future__ import annotations

import re

from .patterns import compile_rule

# Idioms: a rule match that overlaps one of these is dropped. ---------------------------------
_FEELINGS_ES = (
    "(risa|la risa|verguenza|la verguenza|pena|envidia|ganas|hambre|sueno|calor|frio|"
    "aburrimiento|amor|nervios|cansancio|asco|celos|ternura|emocion|felicidad|alegria|"
    "curiosidad|miedo|tristeza|la pena)"
)
_FEELINGS_EN = (
    "(embarrassment|shame|laughter|laughing|cringe|boredom|happiness|joy|excitement|envy|"
    "jealousy|cuteness|curiosity|hunger|heat|cold|anticipation|secondhand embarrassment)"
)
IDIOMS = [
    compile_rule(source)
    for source in [
        rf"(me )?(quiero|quisiera|kiero) (morir|morirme|estar muert[oa]) (de|del|por) (la )?{_FEELINGS_ES}",
        rf"(me muero|me moria|muerto|muerta|muertos|muertas|morirme|morir) (de|del) (la )?{_FEELINGS_ES}",
        "me muero por \\w+",
        # "My mum's going to kill me if I'm late": a parent, boss or teacher, with a condition.
        "(my )?(mum|mom|mother|dad|father|parents|boss|teacher|coach|gran|nan|grandma|sister|brother)(s|'s| is| are)? "
        "(going to|gonna|will|is gonna|is going to|'ll) (kill|murder) me (if|when|for|cause|because)",
        "(mi|mis) (madre|padre|mama|papa|viejo|vieja|jefe|jefa|profe|profesor|profesora|padres|viejos|abuela|hermano|hermana) "
        "(me va|me van) a (matar|asesinar) (si|cuando|por|como)",
        "(me )?(quiero|kiero|qiero) morir(me)?[\\s,!.]+(que|q|ke) (verguenza|oso|pena|cringe|asco|horror)",
        "se (mata|matan|mataba) (a |de )?(trabajar|trabajando|estudiar|estudiando|entrenar|entrenando|"
        "correr|corriendo)",
        "(me|nos) (mata|matas|mato|matan|mataron) (de )?(la )?risa",
        "(matar|matando|mate) (el|un) (tiempo|rato|hambre|gusanillo|aburrimiento|mosquito|bicho)",
        "matar dos pajaros",
        "(matarme|me mato|me voy a matar|me estoy matando|matandome|me quiero matar) "
        "(a |de )?(estudiar|estudiando|trabajar|trabajando|entrenar|entrenando|correr|corriendo|"
        "en el (gym|gimnasio|trabajo)|con (la tarea|los deberes|el examen|este proyecto))",
        "(no puedo|no aguanto|ya no puedo) (mas )?(de )?(la )?(risa|felicidad|emocion|hambre|sueno|"
        "ganas de verte|las ganas)",
        "(no puedo|ya no puedo) mas de tanto \\w+",
        "(no puedo|ya no puedo) mas de (lo )?(contenta|contento|feliz|felicidad|alegria|emocion|risa)",
        "(morir|morirme|muera|die|dying) (sin|without) (entender|ver|conocer|saber|probar|haber|"
        "seeing|understanding|knowing|ever|having)",
        "(cut|burned|burnt|hurt) myself ~4 (peeling|chopping|cooking|slicing|shaving|cutting (the|some)|"
        "opening)",
        "(no puedo|no aguanto|ya no puedo|ya no aguanto) mas con (esta|este|estos|estas|el|la|los|las) "
        "(mudanza|calor|frio|trafico|tarea|deberes|obra|obras|ruido|examenes|trabajo|jefe|lluvia|dieta|"
        "gripe|resaca|espera|reforma|burocracia|papeleo)",
        "(no aguanto|no soporto|ya no aguanto|ya no soporto) (mas )?(este|esta|el|la|estos|estas|"
        "a mi|a este|a esta) (calor|frio|trafico|lluvia|ruido|tarea|clase|profe|jefe|vecino|"
        "musica|serie|cancion|pelicula|espera|dieta|resaca|gripe|tos|dolor de)",
        "me corto (un poco|mucho|bastante|al hablar|en publico|con la gente)",
        rf"(i )?(want|wanna|could|gonna|going to|might|will) (to )?(die|just die) (of|from) {_FEELINGS_EN}",
        "(i )?(want|wanna) to die laughing",
        "(dying|died|die) (laughing|of laughter|to (see|know|meet|try|go|get|hear|read|watch))",
        "(is|are|was|were|looks|look|'s|so|absolutely) to die for",
        "to die for(?=\\s*([.!,;?]|$))",
        "(kill|killing|killed) (myself|me) laughing",
        "(killing|kill|killed) myself (at|with|over|for|to|on) (the )?(gym|work|this|that|exams?|"
        "homework|project|deadline|finish|get|make|pay|keep|meet|impress|it)",
        "(killing|kill|killed) myself (trying|studying|working|training|running|revising)",
        "(hurt|cut|injured|burned|burnt) myself (while|when i was (cooking|shaving|playing)|at|playing|during|in (the )?(gym|game|"
        "kitchen|garden|match)|shaving|cooking|chopping|running|skiing|skating|falling|lifting|"
        "on (a|the) \\w+|with (a|the) (paper|can|kitchen knife|iron|oven|stove))",
        "(shoot|shot|shooting) myself in the foot",
        "(overdose|overdosed|od|od'd) on (chocolate|coffee|caffeine|sugar|candy|netflix|tv|memes|"
        "cuteness|tiktok|sun|vitamin c)",
        "(jump|jumping) (in|on|into|at) (the )?(pool|bandwagon|chance|call|shower|lake|water|"
        "opportunity|train|bus|bed|zoom|meeting)",
        "(end|ending) it all (with|for) (a|the|this|my) \\w+",
        "(kill|killed|killing) (him|her|them|you) with (kindness|love|my|a smile)",
        "(i'm|im|i am|i'll|gonna|going to) (kill|murder|strangle) (him|her|them|you|my \\w+) "
        "(if|when) (he|she|they|you|it) (eat|eats|ate|touch|touches|takes|take|finish|finishes|"
        "spoil|spoils|forget|forgets|is late|are late)",
        "(lo|la|te) (voy a|vamos a) matar (si|cuando) (se come|se comio|me quita|me quitas|"
        "llega tarde|llegas tarde|me vuelve|me vuelves|se olvida|te olvidas|me spoilea|me hace spoiler)",
        "(voy a|te voy a|lo voy a) matar (a |de )?(besos|abrazos|cosquillas)",
        "matarte (a |de )?(besos|abrazos|cosquillas)",
        "(bleeding|sangrando) (heart|corazon)",
        "no puedo respirar de (la )?(risa|emocion)",
        "(take|taking) (my|his|her) life (back|in my hands|into my own hands|seriously)",
        "(kill|kills|killing) (it|the vibe|the mood|time|the lights|the engine|the process)",
        "(my )?(heart|corazon) (wants to die|quiere morir)",
    ]
]

# Negation --------------------------------------------------------------------------------------
NEGATORS = frozenset({
    "no", "not", "never", "nunca", "jamas", "ni", "tampoco", "nope", "nah", "cannot",
    "dont", "doesnt", "didnt", "wont", "wouldnt", "cant", "couldnt", "shouldnt", "isnt",
    "aint", "arent", "wasnt", "werent", "havent", "hasnt", "hadnt", "neither", "nor",
})
# A word between the negator and the expression that shows the negation is about something
# else ("no sé por qué quiero morir", "I can't stop thinking about killing myself",
# "I'm not joking I want to die").
NEGATION_BREAKERS = frozenset({
    "i", "yo", "se", "know", "stop", "stopping", "dejo", "dejar", "paro", "parar", "evitar",
    "help", "entiendo", "understand", "sure", "seguro", "segura", "joking", "kidding",
    "bromeando", "broma", "exagerando", "exaggerating", "lying", "miento", "ok", "okay",
    "fine", "bien", "well", "good", "alright", "mas", "puedo", "aguanto", "soporto", "anymore",
    "why", "por", "que", "even", "care", "importa", "matter", "creo", "si", "if",
    "whether", "quit", "avoid", "mind", "remember", "recuerdo", "handle", "cope", "take", "stand",
    "bear", "find", "encuentro",
})
NEGATION_WINDOW = 5

_TOKEN = re.compile(r"[\w']+")


def tokens(folded: str) -> list[str]:
    return [token.replace("'", "") for token in _TOKEN.findall(folded)]


_DENIAL = re.compile(r"\b(not that|no es que|not because|no porque|no que)\b")


NOBODY = frozenset({"nadie", "nobody", "noone", "no one"})


def is_negated(before: str, nobody: bool = False) -> bool:
    """True if the clause text just before an expression negates it. With ``nobody``,
    "nadie"/"nobody" right before also negates ("nadie me pega")."""
    if _DENIAL.search(before):
        return True
    words = tokens(before)[-NEGATION_WINDOW:]
    if nobody and words and (words[-1] in NOBODY or words[-2:] == ["no", "one"]):
        return True
    for index in range(len(words) - 1, -1, -1):
        word = words[index]
        if word in NEGATORS:
            between = words[index + 1 :]
            return not any(token in NEGATION_BREAKERS for token in between)
    return False


# Who speaks -------------------------------------------------------------------------------------
OTHER_SUBJECTS = frozenset({
    "you", "u", "he", "she", "they", "it", "people", "someone", "somebody", "anyone",
    "anybody", "everyone", "everybody", "nobody", "who", "friend", "sister", "brother", "mom",
    "mum", "dad", "son", "daughter", "kid", "kids", "student", "students", "teens", "hed",
    "shed", "theyd", "youd", "hell", "shell", "theyll", "youll", "hes", "shes", "theyre",
    "youre", "child", "boy", "girl", "man", "woman", "guy", "patient", "client",
})
_REPORTING_EN = re.compile(
    r"\b(said|says|say|told|tells|texted|texts|wrote|writes|posted|posts|messaged|mentioned|"
    r"admitted|confessed|screamed|shouted|yelled|whispered|tweeted|keeps saying|kept saying|"
    r"goes|went like|was like|is like|sent me)\b"
)
_REPORTING_ES = re.compile(
    r"\b(dijo|dice|decia|dicen|dijeron|cuenta|conto|escribio|escribe|publico|publica|comento|"
    r"comenta|confeso|admitio|asegura|aseguro|mando|manda|grito|susurro|repite|repetia|puso|"
    r"me dijo|le dijo|nos dijo|me escribio|me mando|me conto)\b"
)
_FIRST_PERSON_BEFORE = frozenset({"i", "ive", "we", "yo"})
_ADVERBS = frozenset({"just", "always", "once", "then", "also", "literally", "even", "really",
                      "already", "finally", "basically", "ya",
                      "actually", "kept", "keeps", "never", "ever"})


def is_reported(sentence_before: str) -> bool:
    """True if the expression is someone else's words reported by the writer."""
    if _REPORTING_ES.search(sentence_before):
        return True
    for match in _REPORTING_EN.finditer(sentence_before):
        words = [w for w in tokens(sentence_before[: match.start()]) if w not in _ADVERBS]
        if not words or words[-1] not in _FIRST_PERSON_BEFORE:
            return True
    return False


_AUXILIARIES = frozenset({"is", "was", "are", "were", "has", "been", "keeps", "kept", "seems",
                          "esta", "estaba", "sigue", "seguia", "anda"})
_DETERMINERS = frozenset({"my", "his", "her", "their", "our", "the", "mi", "su", "sus", "el",
                          "la", "nuestro", "nuestra"})


def spoken_by_someone_else(before_in_clause: str, expression: str) -> bool:
    """For first-person rules that do not include the subject ("want to die"): True when the
    word before names someone else ("they want to die", "do you want to die")."""
    if re.match(r"(i|i'm|im|i've|ive|i'd|me|my|yo|me)\b", expression):
        return False
    if re.search(r"\b(me|my|myself|mine|mi|mis)\b", expression):
        return False
    words = tokens(before_in_clause)
    if not words:
        return False
    if words[-1] == "he" and re.match(r"\w+(ado|ido|ada|ida)\b", expression):
        return False  # Spanish "he guardado", "he decidido": I have
    if words[-1] in OTHER_SUBJECTS:
        return True
    # "my student is thinking about suicide", "mi hermano esta pensando en matarse"
    return words[-1] in _AUXILIARIES and (
        (len(words) >= 2 and words[-2] in OTHER_SUBJECTS)
        or (len(words) >= 3 and words[-3] in _DETERMINERS)
    )


# Media: songs, films, books -----------------------------------------------------------------
_MEDIA = re.compile(
    r"\b(song|songs|lyric|lyrics|sings|singing|sang|sing|chorus|verse|album|movie|film|series|"
    r"book|novel|poem|poetry|character|episode|cancion|canciones|letra|canta|cantando|canto|"
    r"cantar|estribillo|coro|verso|pelicula|peli|serie|libro|novela|poema|personaje|capitulo|"
    r"meme|rapper|rapero|cantante|singer|playlist|titulo|title|shakespeare|hamlet|romeo|"
    r"julieta|juliet|escuchando|escucho|listening|karaoke|bucle|on repeat|cantabamos|cantamos|"
    r"cantaba|villain|villano|protagonista|protagonist|videogame|videojuego|anime|comic|"
    r"documental|documentary|reality|telenovela|sitcom|rap|rapea|rapping|raps|trap|reggaeton)\b|[\u266a\u266b\U0001f3b5\U0001f3b6]"
)
_MEDIA_SAYS = re.compile(
    r"\b(dice|decia|goes|says|said|sings|sang|canta|cantaba|cantando|singing|lyrics|letra|"
    r"estribillo|chorus|titled|titulada|titulado|called|llamada|llamado|line|linea|frase|"
    r"quote|cita|de|by|from)\b|[:\"\u266a\u266b\U0001f3b5\U0001f3b6]"
)


_FIRST_PERSON = re.compile(r"\b(i|i'm|im|me|my|myself|yo|mi|mis|conmigo|estoy|tengo|soy)\b")


def mentions_writer(sentence: str, expression: str = "") -> bool:
    """True if the sentence (outside the expression) speaks of the writer (I, me, my, yo, mi...)."""
    return bool(_FIRST_PERSON.search(sentence.replace(expression, " ") if expression else sentence))


def is_media(sentence: str, quoted: bool, expression: str = "", strict: bool | str = True) -> bool:
    """True if the sentence quotes or names a song, film, book or similar.

    ``strict`` True (the writer's own words): the expression must be quoted or introduced as
    lyrics or a line ("la canción dice", "the song goes"); False: it is enough that the sentence
    is about a work and not about the writer; "any" (someone else's danger): naming a work is
    enough ("a book about a boy who wants to kill himself")."""
    if not _MEDIA.search(sentence):
        return False
    if quoted or _MEDIA_SAYS.search(sentence):
        return True
    if strict == "any":
        return True
    if strict:
        return False
    return not _FIRST_PERSON.search(sentence.replace(expression, " "))


# The past ---------------------------------------------------------------------------------------
_PAST = re.compile(
    r"\b(used to|years ago|months ago|a long time ago|long ago|when i was (younger|little|small|"
    r"a kid|a child|a teen|a teenager|in (school|high school|middle school|college|uni)|\d+)|"
    r"when i was young|as a (kid|child|teen|teenager)|in the past|back then|back in|last year|"
    r"growing up|i was \d+|at age \d+|at \d+|at (ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty)|there was a time|hubo una epoca|"
    r"it's over now|it passed|ya paso|eso ya paso|solia|cuando tenia \w+ anos|"
    r"cuando tenia (diez|once|doce|trece|catorce|quince|dieciseis|diecisiete|dieciocho|\d+)|"
    r"at university|in college|at uni|en la universidad|en la facultad|"
    r"hace (dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|quince|veinte) anos|"
    r"(two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty) years ago|when i was (ten|eleven|"
    r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|nine|eight|"
    r"seven|six|five)|hace (anos|mucho|tiempo|\d+ anos|varios anos|"
    r"unos anos)|cuando (era|tenia) (nina|nino|pequena|pequeno|chica|chico|adolescente|joven|"
    r"menor|una nina|un nino|mas joven|\d+)|de (nina|nino|pequena|pequeno|chica|chico|"
    r"adolescente|joven)|en el pasado|en aquella epoca|en aquel entonces|el ano pasado|"
    r"a los \d+( anos)?|tenia \d+ anos|"
    r"a los (diez|once|doce|trece|catorce|quince|dieciseis|diecisiete|dieciocho|diecinueve|veinte)|"
    r"(now|ahora) (i'm|im|i am|estoy) (better|mejor|fine|bien|ok|clean|limpi[oa])|"
    r"(clean|free) (from|of)|\w+ (days|weeks|months|years) clean|a (year|month|week) clean|"
    r"llevo (un|una|\w+) (ano|anos|mes|meses|semana|semanas|dias) sin|"
    r"i('m| am)? (in recovery|recovering)|estoy en recuperacion)\b"
)
_STILL = re.compile(
    r"\b(still|again|todavia|aun|sigo|sigue|otra vez|de nuevo|volvi|he vuelto|relapsed|"
    r"recai|lately|ultimamente|tonight|esta noche|right now|ahora mismo)\b"
)


def is_past(sentence: str, clause: str) -> bool:
    """True if the sentence places the expression in the writer's past, and its own clause does
    not say it goes on ("still", "otra vez")."""
    return bool(_PAST.search(sentence)) and not _STILL.search(_PAST.sub(" ", clause))


# Jokes, hyperbole -------------------------------------------------------------------------------
_HUMOUR = re.compile(
    r"(\b(lol+|lmao+|lmfao|rofl|ha(ha)+h?|ja(ja)+j?|je(je)+|xd+|jk|just kidding|es broma|"
    r"de broma|bromeando|kidding|jajaj\w*|hahah\w*)\b|[\U0001f602\U0001f923\U0001f606\U0001f605"
    r"\U0001f480\U0001f92a\U0001f61c])"
)


_NOT_JOKING = re.compile(
    r"\b(no es (una )?broma|not (joking|kidding)|no estoy (bromeando|de broma)|no bromeo|"
    r"i'm not joking|im not joking|no joke)\b"
)


def is_joking(text: str) -> bool:
    return bool(_HUMOUR.search(_NOT_JOKING.sub(" ", text)))


# Generic questions and teaching ("how do I help someone who wants to kill themselves?") ----------
_GENERIC = re.compile(
    r"\b(como|que hago|que hacer|que debo|que se hace|que (le )?digo|que decir|"
    r"what (do|should) i say|how (do|can|should) (i|you|we)|"
    r"what (do|should|can) (i|you|we) (do|say)|how to|what to do|si alguien|cuando alguien|"
    r"if someone|if somebody|when someone|if a|si un|si una|signos?|senales|signs?|"
    r"sintomas|symptoms|what are)\b"
)
_EDUCATIONAL = re.compile(
    r"\b(prevencion|prevention|taller|workshop|training|formacion|charla|talk (on|about)|curso|"
    r"course|estadisticas|statistics|awareness|articulo|article|investigacion|research|"
    r"dia mundial|world \w+ day|dia de la|conferencia|conference|webinar|seminario|seminar|"
    r"campana|campaign|protocolo|protocol|guia|guide|folleto|leaflet|helpline|hotline|"
    r"telefono para|linea de ayuda|victims of|victimas de|recursos para|resources for)\b"
)


_HYPOTHETICAL = re.compile(
    r"\b(como (puedo |podria |se )?(saber|detectar|notar) si|how (can|do|would) (i|you|we) "
    r"(tell|know|spot|notice) if|what if (someone|somebody|a)|y si (alguien|un|una)|"
    r"where (do|can|should) (you|i|we)|donde (se|puedo|puede|podemos))\b"
)


def is_generic(sentence: str) -> bool:
    return bool(_GENERIC.search(sentence))


def is_hypothetical(sentence: str) -> bool:
    """A question about what to do or where to go, not a report ("¿cómo saber si mi alumno
    piensa en suicidarse?", "where do you report domestic violence?")."""
    return bool(_HYPOTHETICAL.search(sentence))


def is_educational(sentence: str) -> bool:
    return bool(_EDUCATIONAL.search(sentence))


def has_generic_subject(sentence: str) -> bool:
    return bool(
        re.search(
            r"\b(alguien|someone|somebody|una persona|a person|people|la gente|personas|"
            r"adolescentes|teens|teenagers|un amigo|a friend|un alumno|a student|"
            r"(a|an|un|una) (teen|teenager|child|kid|student|person|friend|adolescente|nino|nina|"
            r"joven|alumno|alumna|persona|amigo|amiga|hijo|hija|pupil|menor|minor|youngster)|"
            r"children|kids|ninos|menores|jovenes|alumnos|students|victims|victimas)\b",
            sentence,
        )
    )
