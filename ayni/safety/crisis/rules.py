"""The detector's rules: expressions by category, level and grammatical person.

Each rule is written in the small pattern language of :mod:`.patterns` (folded text: lower
case, no accents). ``person`` says whose danger the sentence is about:

- ``first``: the writer ("quiero morir", "I want to kill myself"); reported speech, past
  tense and quotations downgrade it;
- ``third``: someone else ("se quiere matar", "she wants to die"); at most a concern;
- ``other``: the writer threatens someone else (harm to others).

``slang`` marks short internet forms ("kms") that are often hyperbole: a laughing marker
("lol", "jaja") lowers them one level.
"""

from __future__ import annotations

from dataclasses import dataclass

SUICIDE = "suicide"
SELF_HARM = "self_harm"
HARM_TO_OTHERS = "harm_to_others"
ABUSE = "abuse"
DOMESTIC_VIOLENCE = "domestic_violence"
ACUTE_DANGER = "acute_danger"

CATEGORIES = (SUICIDE, SELF_HARM, HARM_TO_OTHERS, ABUSE, DOMESTIC_VIOLENCE, ACUTE_DANGER)


@dataclass(frozen=True)
class Rule:
    category: str
    level: str
    pattern: str
    person: str = "first"
    slang: bool = False


def _rules(category: str, level: str, patterns: list[str], **options: object) -> list[Rule]:
    return [Rule(category, level, pattern, **options) for pattern in patterns]  # type: ignore[arg-type]


# Shared fragments -------------------------------------------------------------------------
_Q = "(quiero|kiero|qiero|qero|quero)"
_QUISIERA = "(quisiera|kisiera|queria|keria|quiesiera)"
_MORIR = "(morir|morirme|morirm|muerto|muerta|muert[oa]s?)"
_SUICIDE_ES = "(suicidarme|suisidarme|suicidarm|sucidarme|suicirdarme)"
_SUICIDE_EN = r"(suicide|suicid|sucide|suicde|su[i1!]c[i1!]de|sewerslide|sewer slide)"
_KIN_ES = (
    "(padre|papa|papi|padrastro|madre|mama|mami|madrastra|tio|tia|abuelo|abuela|primo|prima|"
    "hermano|hermanastro|hermana|profe|profesor|profesora|maestro|maestra|entrenador|vecino|"
    "cura|monitor|monitora|jefe|tutor|cuidador|cuidadora|familiar|instructor|catequista|sacerdote|"
    "medico|enfermero|educador|educadora)"
)
_PARTNER_ES = "(pareja|marido|esposo|esposa|novio|novia|ex|exnovio|ex novio|compañero|companero)"
_KIN_EN = (
    "(dad|daddy|father|stepdad|stepfather|mom|mum|mother|stepmom|stepmother|stepmum|uncle|aunt|"
    "grandpa|grandfather|grandma|cousin|brother|stepbrother|sister|teacher|coach|neighbou?r|"
    "priest|babysitter|tutor|carer|caregiver|foster (dad|mom|parent)|parents?|counsell?or|"
    "counselor|instructor|leader|pastor|youth worker|doctor|nurse|scout leader|trainer)"
)
_PARTNER_EN = "(husband|wife|boyfriend|girlfriend|partner|ex|bf|gf|fiance|fiancee)"
_ME_ABUSE_ES = (
    r"(me (pega|pegan|pego|pegaba)(?!\s+(siempre |todos )?(un susto|el susto|la gripe|el resfriado|"
    r"los resfriados|el catarro|los catarros|el virus|el covid|los piojos|la risa|un grito|fuerte|"
    r"el sol|la mania|sus manias|la costumbre|el acento|el bajon|la tos))|me ha (pegado|golpeado|"
    r"violado|empujado|ahorcado|amenazado|quemado|pateado)|me golpea|me golpean|me golpeo|me golpeaba|"
    r"me maltrata|me maltrato|me manosea|me manoseo|me viola|me violo|me violaba|"
    r"me toca(ba)?(?!\s+(a mi|\w+(ar|er|ir)(la|lo|le|las|los|les|me|te|se|nos)?\b|el turno|turno|"
    r"la loteria))|me toco(?!\s+(\w+(ar|er|ir)(la|lo|le|las|los|les|me|te|se|nos)?\b|la loteria))|"
    r"abusa de mi|abuso de mi|abusaba de mi|me obliga a (tocar\w*|desnudarme|acostarme|hacer cosas)|"
    r"me quema(?!\s+(la cabeza|el coco|la sangre))|me quemo con|me ahorca|me ahorco|me estrangula|me patea|me pateo|me da patadas|"
    r"me da (palizas|golpes|correazos|cachetadas|bofetadas)|me dio una paliza|me encierra|"
    r"me (ha|han) dado (una paliza|golpes|una golpiza)|"
    r"me empuj\w+|me arrastr\w+|me agarr\w+ del (cuello|pelo)|"
    r"me amenaza con (matarme|pegarme|hacerme daño|hacerme dano|un cuchillo|una pistola)|"
    r"me amenazo con (matarme|pegarme|hacerme daño|hacerme dano))"
)
_ME_ABUSE_EN = (
    r"(hits me(?!\s+(up|hard|with (another |a |an |the )?(pun|joke|question|surprise|news|idea|"
    r"request|bill|fact|truth|song)))|hit me(?!\s+(up|back|hard|with (another |a |an |the )?(pun|"
    r"joke|question|surprise|news|idea|request|bill|fact|truth|song)))|beats me(?!\s+(at|to|in (chess|"
    r"cards|the)))|beat me(?!\s+(at|to|in (chess|cards|the)))|beat me up|hurts me|hurt me|"
    r"abusing me|hitting me|beating me|touching me|hurting me|raping me|molesting me|"
    r"touches me|touched me|touch me|chokes me|choked me|strangled me|kicks me|kicked me|"
    r"punches me|punched me|slaps me|slapped me|burns me|burned me|raped me|rapes me|"
    r"molests me|molested me|abuses me|abused me|locks me (in|up)|forces me to|strangles me|"
    r"threatens to kill me|threatened to kill me|threatens me|threatened me|pushed me|pushes me|"
    r"beaten me|has hit me|have hit me|"
    r"shoved me|shoves me|threw me|throws me|dragged me|drags me|grabbed me by)"
)

RULES: list[Rule] = [
    # --- Suicide, Spanish, the writer -------------------------------------------------------
    *_rules(SUICIDE, "urgent", [
        rf"(me )?{_Q} {_MORIR}",
        rf"(me )?{_Q} estar muert[oa]",
        rf"{_Q} (dejar de (existir|vivir)|desaparecer para siempre|irme para siempre)",
        "(me gustaria|quisiera|quiero|prefiero) no (despertar|despertarme|existir|haber nacido)",
        "(lo mejor (seria|es)|mejor|deberia|tendria que|merezco) (morirme|matarme|desaparecer|"
        "estar muert[oa]|no existir|no estar viv[oa])",
        "(mejor|esta noche|hoy|manana|ya|pronto) me (mato|suicido|quito la vida)",
        "(si me muero|si desaparezco|si me mato|si me suicido) nadie (me )?(extranaria|"
        "echaria de menos|notaria|se daria cuenta)",
        "nadie (me )?(notaria|se daria cuenta|me echaria de menos|extranaria) si (me muero|muero|"
        "desaparezco|me mato|me suicido)",
        "(tengo|ya tengo|compre) (la|una) cuerda(?!\\s+(para|pa) (tender|la ropa|el tendedero|atar|saltar|escalar|el columpio|la tienda|el perro|la mudanza|el barco|amarrar))",
        "(tengo|ya tengo) (todo|las pastillas|la cuerda|el veneno) (preparad[oa]s?|list[oa]s?)(?!\\s+para (la|el|mi|las|los|nuestra|nuestro) (mudanza|viaje|fiesta|examen|boda|cumple\\w*|excursion|vacaciones|partido|cena|reunion|entrevista|clase|comida|acampada|concierto|carrera|maraton))",
        rf"me {_Q} (morir|matar|suicidar|ir de este mundo|quitar la vida|ahorcar|colgar|tirar (por|de|"
        "desde) (la|el) (ventana|puente|balcon|azotea|edificio))",
        rf"{_QUISIERA} (morir|morirme|estar muert[oa]|no existir|no haber nacido)",
        "me (voy|vo) a (matar|suicidar|quitar la vida|ahorcar|colgar(?!\\s+(al|del|el|la|un|una|de la) "
        "(telefono|movil|cuadro|mochila|barra|rama|cuello)))",
        "(tengo|con|me dan) (muchas |tantas )?ganas de (morirme|matarme|suicidarme)",
        rf"(matarme|matarm|{_SUICIDE_ES}|quitarme la vida|ahorcarme|colgarme|envenenarme)",
        "acabar con (mi vida|todo|mi existencia)",
        "terminar con (mi vida|todo)",
        "(quisiera|quiero|me gustaria) dormir (y no despertar|para siempre)",
        "(ya )?no (quiero|kiero) (vivir(?!\\s+(en|con|cerca|lejos|aqui|alli|alla|sol[oa]|juntos|de "
        "alquiler))|seguir viviendo|seguir con vida|existir|estar viva|"
        "estar vivo|despertar(me)?|seguir aqui|seguir en este mundo)",
        "no (tengo|me quedan) ganas de vivir",
        "ojala (me muera|me muriera|estuviera muert[oa]|no despertar|no despertara|"
        "no me despierte|no hubiera nacido|no existiera|desaparecer para siempre)",
        "(pienso|pensando|pense|he pensado|penssando) (mucho |todo el tiempo |siempre )?en "
        "(el suicidio|suicidarme|matarme|quitarme la vida|morirme|tirarme|saltar|colgarme|"
        "ahorcarme)",
        "(tengo|he tenido|con|estoy teniendo) (pensamientos|ideas) (suicidas|de (muerte|suicidio|matarme))",
        "(me siento|estoy) suicida",
        "(estarian|estaria|vivirian|viviria|seria|serian) mejor sin mi",
        "(el mundo|la vida de todos) (seria|sería) mejor sin mi",
        "(nadie|nadie me) (me )?extranaria si (me muero|muero|desaparezco|me mato)",
        "no vale la pena (vivir|seguir viviendo|seguir vivo|seguir viva)",
        "no (tengo|hay|encuentro) (ninguna )?razon(es)? para (vivir|seguir)",
        "(voy|vo) a (saltar|tirarme) (del|de la|desde el|desde la|por la|al|a las) "
        "(puente|ventana|azotea|edificio|balcon|terraza|vias|tren|metro|techo)",
        "tirarme (del|de la|desde el|desde la|por la|al|a las) (puente|ventana|azotea|edificio|"
        "balcon|terraza|vias|tren|metro|techo)",
        "(escribi|escrito|dejo|deje|tengo) (mi |una )?carta de despedida",
        "(este|esta|esto) es (mi ultimo mensaje|un adios|mi despedida)(?!\\s+de (soltera|soltero|la|el|fin|curso|verano|la empresa|la oficina|trabajo))",
        "es mi ultimo mensaje",
        "ojala me (atropell\\w+|pis\\w+ un (coche|camion|tren|bus)|cayera un rayo|pasara algo)",
        "(seria|es) mejor si (yo )?no (existiera|estuviera|hubiera nacido)",
        "quiero que (todo|mi vida) (termine|se acabe|acabe)",
        "ya (tengo|compre|junte) (las pastillas|la cuerda|el veneno|todo preparado|todo listo|un plan)(?!\\s+(para|pa) (la|el|mi|las|los|nuestra|nuestro) (mudanza|viaje|fiesta|examen|boda|cumple\\w*|excursion|vacaciones|partido|cena|reunion|entrevista|clase|comida|acampada|concierto|carrera|maraton|tender|ropa))",
        "(cortarme|me corto|me voy a cortar) las venas",
    ]),
    *_rules(SUICIDE, "concern", [
        "(ya )?no (aguanto|aguanto mas|soporto|puedo) (mas|ya|esto|seguir)",
        "no (aguanto|soporto) (mas|esta vida|vivir)",
        "no puedo seguir (asi|viviendo asi|con esto)",
        "(ya )?no tengo ganas de nada",
        "(cansad[oa]|hart[oa]) de (vivir|estar viv[oa])",
        "sobro en (este mundo|todas partes|esta vida|esta familia)",
        "me (quise|queria) (morir|matar|suicidar)",
        "(quise|queria) (morirme|matarme|suicidarme)",
        "(sufri|he sufrido|sufria) (abusos?|maltrato|violencia)",        "(ya )?no (le )?(veo|encuentro) sentido a (la vida|vivir|nada|seguir)",
        "(la vida|mi vida) no tiene sentido",
        rf"{_Q} desaparecer(?!\s+(de (las redes|instagram|facebook|tiktok|twitter|internet|whatsapp|"
        "este grupo|la oficina)|del (grupo|chat|mapa un)|un (tiempo|rato|fin de semana)|unos dias|"
        "por un tiempo|una temporada))",
        "(intente|intente) (matarme|suicidarme|quitarme la vida)",
        "(estoy|me siento) (desesperad[oa]|sin salida|atrapad[oa]) ~2 (no veo salida|sin salida)",
        "no (veo|encuentro|tengo) (ninguna )?salida",
        "(soy|me siento) (una carga|un estorbo) para (todos|mi familia|los demas)",
        "no vale la pena (nada|seguir)",
        "(tengo|con|me dan|que) (muchas |tantas )?ganas de (desaparecer|no existir)",
        "(regale|estoy regalando) (mis cosas|todas mis cosas)",
    ]),
    # --- Suicide, English, the writer ---------------------------------------------------------
    *_rules(SUICIDE, "urgent", [
        "(i )?(want|wanna|need|ready) (to )?(die|be dead|not be alive|not exist|"
        "stop existing|stop living|end it all|end my life|disappear forever|unalive)",
        "(i'm|im|i am) ready to die",
        "(i )?(going|gonna) (to )?(stop living|end it all|end my life|unalive)",
        "(going|gonna|want|wanna|plan) (to )?(overdose|od)",
        "(bought|got|have) (a|the) rope(?!\\s+(for|to) (climbing|camping|the|my|our|a))",
        "(drive|crash|steer) (my car|the car|myself) (off|into) (a|the) (cliff|bridge|wall|tree|river)",
        "(life|my life|it) (isn't|is not|ain't|not) worth living",
        "(kill|killing|kil|kms|unalive|unaliving|off|offing) (myself|my self|meself)",
        "unalive (me)",
        "(end|ending|take|taking) (my|my own) life",
        "(end|ending) it all",
        f"(commit|committing|comit) {_SUICIDE_EN}",
        "(i'm|im|i am|i feel|feeling|i've been feeling|been feeling) (so |really |very )?suicidal",
        "(i have|i've had|i've been having|i'm having|im having|i get|i keep having|i still have) "
        "(suicidal thoughts|"
        "thoughts of (suicide|killing myself|dying|ending it))",
        "(i )?wish (i was|i were|i'd be|i could be) dead",
        "(i )?wish i (could|would) (just )?(die|disappear forever|not wake up|never wake up)",
        "(i )?(want|wanna) to (sleep|go to sleep) (and|n) (never|not) wake up",
        "(i )?wish i (had never been|was never|wasn't|was not) born",
        "(hope|hoping) i (don't|never) wake up",
        "(i )?don't want to (live|be alive|exist|wake up) (anymore|any more)",
        "(i )?don't want to (live(?!\\s+(in|with|at|here|there|near|on|alone|abroad|far|close|"
        "together|by|next))|be alive|exist)",
        "(i )?(can't|cannot|can not) (go on|keep going|keep living) (anymore|any more|living)",
        "(no|there's no|there is no|i have no|i've got no) (reason|reasons|point) (to live|in living|"
        "to keep living|to go on)",
        "(nothing|nothin) (left )?to live for",
        "(everyone|everybody|the world|my family|they|people) (would be|will be|'d be) "
        "better off without me",
        "(would be|will be|'d be|are|is) better off without me",
        "(better|best) if i (didn't|did not|never|wasn't|was not|weren't) (exist|here|around|alive|born)",
        "(i'll|i will|i'm going to|im going to|gonna|going to|i) end it(?=\\s*([.!,;]|$|tonight|today|now))",
        "(i )?wish (i'd|i would|i could|i) (never|not) wake up",
        "(i )?should (just )?(die|kill myself|end it|be dead|not be alive)",
        "(i )?(want|need) (it|everything|my life) (all )?to (end|be over)",
        "(plan|planning|planned) (to )?(overdose|od|kill myself|end my life|end it)",
        "better off dead",
        "(nobody|no one|noone) would (miss|notice|care)( me)? if i (died|was gone|disappeared|"
        "killed myself|die)",
        "(hang|hanging|shoot|shooting|poison|poisoning|drown|drowning|overdose|od) myself",
        "(slit|slitting|cut|cutting) my (wrists|wrist|throat)",
        "(jump|jumping|throw myself) (off|from|in front of) (the|a|this) "
        "(bridge|roof|building|balcony|train|cliff|window|car|bus)",
        "(going|gonna|want to|wanna) (to )?jump(?=\\s*([.!,;]|$|now|tonight))",
        "(wrote|written|writing|left|have) (my |a )?(suicide note|goodbye (letter|note))",
        "(this is|here is|it's) my (last|final) (message|post|goodbye)",
        "(i )?(have|got|bought|saved up) (the|enough) (pills|rope|gun) (ready|to do it|to end it)?",
        "(thinking|thought|think|thinkin) (about|of) (suicide|killing myself|ending it all|"
        "ending my life|dying|not being alive)",
        "kms",
        "ctb",
    ]),
    *_rules(SUICIDE, "concern", [
        "(i )?(wanted|tried|attempted|attempt) (to )?(die|kill myself|end my life|suicide)",
        "(i )?(can't|cannot|can not) (take|do|handle|stand) (it|this|this life|any of this) "
        "(anymore|any more)",
        "(i )?(can't|cannot) (take|do) (it|this) no more",
        "nothing matters( anymore)?",
        "(i )?(want|wanna) to disappear(?!\\s+(from|for a|off|to|into|on))",
        "(i'm|i am|im|i feel like) (such )?a burden (to|on) (everyone|everybody|my family|you all)",
        "(i )?(feel|am|'m) (so )?hopeless",
        "(i )?(see|there's|there is) no way out",
        "(life|my life) (is|feels) (pointless|meaningless|not worth (it|living))",
        "(what's|what is) the point (of|in) (living|life|anything|going on)",
        "(giving|gave|give) away (all )?my (stuff|things|belongings)",
        "(i )?(tired|sick) of (living|being alive)",
        "(i )?want out",
        "not sure (i|if i) want to (live|be alive|be here)",
    ]),
    *_rules(SUICIDE, "urgent", ["kms", "kys myself"], slang=True),
    # --- Suicide, someone else -----------------------------------------------------------------
    *_rules(SUICIDE, "concern", [
        r"(se|te) (quiere|quieren|queria|quiso|quieres) (morir|matar|suicidar)",
        r"(quiere|quieren|queria|quieres|quiso) (morir|morirse|matarse|suicidarse|"
        r"quitarse la vida|estar muert[oa]|desaparecer)",
        "(se|te) (va|van|iba|vas) a (matar|suicidar|quitar la vida)",
        "(matarse|suicidarse|quitarse la vida|ahorcarse|cortarse las venas)",
        "(intento|intentaron|ha intentado|habia intentado) (matarse|suicidarse|quitarse la vida)",
        "(piensa|pensaba|habla|hablaba|hablo) (mucho )?(de|en) (suicidarse|matarse|morirse|"
        "el suicidio|la muerte|quitarse la vida)",
        "(tiene|tenia) (pensamientos|ideas) (suicidas|de (muerte|suicidio))",
        "(esta|es|parece) suicida",
        "(wants|wanted|want|wanna|needs) to (die|be dead|kill (himself|herself|themselves|"
        "themself|yourself)|end (his|her|their|your) life)",
        "(kill|killing|killed|unalive|unalived) (himself|herself|themselves|themself|yourself)",
        "(end|ending|take|taking|took) (his|her|their|your) (own )?life",
        "(he's|she's|they're|is|are|seems|sounds|was|were|you're) (so |really |very )?suicidal",
        "(has|have|had|having) (suicidal thoughts|thoughts of suicide)",
        "(committed|attempted|tried to commit|tried) suicide",
        f"(thinking|thinks|talks|talking|talked|thought) (about|of) ({_SUICIDE_EN}|death|killing "
        "(himself|herself|themselves)|dying)",
        "(he|she|they) (doesn't|don't|didn't) want to (live|be alive) (anymore)?",
        "(wish|wishes|wished) (he|she|they) (was|were) dead",
    ], person="third"),
    # --- Self-harm ----------------------------------------------------------------------------
    *_rules(SELF_HARM, "urgent", [
        "me (corto|cortaba|he cortado|corte|vuelvo a cortar|volvi a cortar|he vuelto a cortar) ~2 (los brazos|"
        "las munecas|las piernas|los muslos|la piel|el brazo|la muneca|la pierna)",
        "me corto (para|cuando|con (una |la |un |el )?(cuchilla|navaja|tijeras|cutter|vidrio))",
        "me hago (cortes|dano|heridas|quemaduras)",
        "(hacerme|hacerme mucho) (dano|cortes|heridas)",
        rf"{_Q} (hacerme dano|cortarme|lastimarme|quemarme)",
        "(tengo|con|me dan) (muchas |tantas )?ganas de (cortarme|hacerme dano|lastimarme|autolesionarme)",
        "me (voy|vo) a (cortar(?!\\s+(el|la|los|las|un|una|mi|mis) )|hacer dano|lastimar|quemar)",
        "(volvi|vuelvo|he vuelto) a (cortarme|hacerme dano|autolesionarme|lastimarme)",
        "(me autolesiono|me autolesionaba|autolesionarme|me he autolesionado|me estoy autolesionando)",
        "me lastimo (a proposito|yo mism[oa]|para)",
        "me (quemo|quemaba|golpeo) (a proposito|con (cigarros|cigarrillos|el mechero|el encendedor)|"
        "la cabeza contra)",
        "me (rasco|rascaba) hasta sangrar",
        "(recai|he recaido) (en )?(las autolesiones|los cortes|cortarme)",
        "(i )?(cut|cutting|cuts) (myself|my (arms|arm|wrists|legs|thighs|skin))"
        "(?!\\s+(shaving|cooking|chopping|while|by accident|accidentally|on|with (a |the )?"
        "(paper|knife|glass|can|razor))|\\s+\\w+ing)",
        "(i )?(hurt|hurting|harm|harming|burn|burning|punish|punishing|hit|hitting|scratch|"
        "scratching) myself ~4 (on purpose|again|to feel|until|so i|every (day|night|time)|by (cutting|"
        "burning|hitting)|when i('m| am| feel| get) (sad|angry|anxious|bad|upset|stressed))",
        "(cut|cutting) again",
        "(want|wanna|need|urge|urges|going|gonna) (to )?cut(?!\\s+(my|the|a|an|your|his|her|it|this|that|"
        "some|down|back|out|off|in|up|ties|class|school|carbs|sugar|costs|hair|corners|loose|him|her|"
        "them|you|me|through|across|short|it))",
        "(i )?(want|wanna|need|going|gonna|urge|urges) to (hurt|harm|cut|burn|punish) myself",
        "(i )?self[- ]?harm(ing|ed)?",
        "(started|start|keep|kept|can't stop|cannot stop) (cutting|hurting myself|harming myself|"
        "self harming|burning myself)( again)?",
        "(relapsed|relapse) (on|with|into)? ?(self[- ]?harm|cutting)",
        "(i've been|i have been|been|i am|i'm|im) (cutting(?!\\s+(the|my hair|some|a|an|down|back|out|onions?|veg\\w*|bread|meat|paper|wood|fabric|hair|class|school|corners|costs|carbs|sugar|grass|cake|fruit|"
        "off|up|it|this|that|class|school|carbs|sugar|costs|corners|wood|paper|grass))|hurting myself|"
        "harming myself|burning myself)",
    ]),
    *_rules(SELF_HARM, "concern", [
        "(i )?(cut|hurt|harm|burn) myself",
        "(used to|once) (cut|hurt|harm|burn) myself",
        "(me cortaba|me hacia dano|me autolesionaba)",
        "(me )?pego (a mi mism[oa]|golpes)",
    ]),
    *_rules(SELF_HARM, "concern", [
        "se autolesiona\\w*",
        "se quema con (cigarr\\w+|el mechero|el encendedor)",
        "cortes en (los brazos|las munecas|las piernas|los muslos)",
        "cuts on (his|her|their|my \\w+'s|the) (arms|wrists|legs|thighs)",
        "maltratan (al|a la|a los|a las|a su) (nino|nina|hijo|hija|ninos|ninas|crio|chico|chica|bebe)",
        "self[- ]?harms",
        "se (mata|suicida|va a suicidar|quiere suicidar)",
        "no (quiere|queria|quieren|querian) (vivir|seguir viviendo|seguir con vida|existir|seguir aqui)",
        "se quema a proposito",
        "(se|te) (corta|cortas|cortaba|hace dano|lastima)(?!\\s+(el|la|las|los|"
        "un|una) (pelo|cabello|unas|barba|flequillo|fleco|puntas|dedo|rollo|voz|luz|leche|internet))",
        "(cortarse|autolesionarse|hacerse dano|lastimarse) (a proposito|los brazos|las munecas)?",
        "(cut|cuts|cutting|hurt|hurts|hurting|harm|harms|harming|burn|burns|burning) (himself|herself|"
        "themselves|themself|yourself)(?!\\s+(shaving|cooking|while|by accident|accidentally|playing|"
        "on (the|a|some|an)|at|with (the|a|some) (oven|iron|stove|glass|knife|paper)))",
    ], person="third"),
    # --- Harm to others -----------------------------------------------------------------------
    *_rules(HARM_TO_OTHERS, "urgent", [
        "(lo|la|los|las|te|les|le) (voy|vo|vamos) a (matar|apunalar|disparar|pegar un tiro|ahorcar|"
        "hacer dano|reventar a golpes|quemar)",
        "(voy|vo|vamos) a (matarlo|matarla|matarlos|matarlas|matarte|apunalarlo|apunalarla|"
        "dispararle|dispararles|pegarle un tiro|hacerle dano|hacerles dano)",
        "(voy|vo|vamos|quiero|tengo ganas de) (a )?(matar|apunalar|disparar|balear|acuchillar|"
        "hacer dano) a (mi|ese|esa|aquel|alguien|todos|"
        "todo el mundo|el|la|los|mis)",
        rf"{_Q} (matarlo|matarla|matarlos|matarlas|matarte|hacerle dano|hacerles dano|apunalarlo)",
        "(llevar|llevare|llevo|voy a llevar|traer|traigo|traere|traeria|llevaria) (un|una|la|el|mi|"
        "mis) (arma|armas|pistola|cuchillo|escopeta|navaja|rifle)( de mi \\w+)? (al|a la|a el|a) "
        "(colegio|escuela|instituto|clase|trabajo|universidad|iglesia|insti|cole)",
        "(voy a|quiero) (disparar|tirotear|balear) (a todos|en (el|la) (colegio|escuela|instituto))",
        "(i'm|im|i am|i'll|ill|i will|i want to|i wanna|i'm gonna|gonna|going to|i'm going to) "
        "(kill|murder|stab|shoot|strangle|hurt|beat up) "
        "(him|her|them|you|my (dad|mom|father|mother|brother|sister|boss|teacher|husband|wife|"
        "boyfriend|girlfriend|ex|stepdad|neighbour|neighbor|partner|\\w+)|that (guy|girl|man|woman|bitch|"
        "bastard|\\w+)|"
        "someone|somebody|everyone|everybody|people)",
        "(bring|bringing|take|taking|brought|took) (a|my|the|his|her|my \\w+'s) (gun|knife|weapon|"
        "rifle|pistol|shotgun) (to|into) (school|class|work|campus)",
        "shoot up (the|my|this) (school|class|office|place)",
        "(i )?(want to|wanna|going to|gonna) (hurt|kill) (people|someone|somebody|everyone)",
        "(i )?(have|got|bought) a (gun|knife|weapon|rifle|pistol) ~3 (going to|gonna|i'll|will) "
        "(find|get|kill|shoot|hurt|use it)",
        "tengo (un|una) (arma|pistola|cuchillo|escopeta) ~3 (voy a|vamos a) (ir|buscar|matar|usar)",
    ], person="other"),
    *_rules(HARM_TO_OTHERS, "concern", [
        "(tengo|me dan|siento) ganas de (pegarle|golpearle|golpearlo|matar a alguien|hacerle dano|"
        "hacer dano a alguien|romperle la cara)",
        "(i )?(feel like|could|want to) (hurting|hurt|hitting|hit|punch|punching) (my \\w+|someone|"
        "somebody|him|her|people)",
        "(i'm|im) (scared|afraid) (i'll|i will|i might) (hurt|kill) (someone|him|her|my)",
        "(tengo miedo de|me da miedo) (hacerle dano|hacer dano a|lastimar a|pegarle a)",
        "(kys|kill yourself|go die|matate|suicidate|ojala te mueras|ojala te murieras)",
    ], person="other"),
    *_rules(HARM_TO_OTHERS, "concern", [
        "(va|van|iba|quiere) a (matar|apunalar|disparar|pegar un tiro|hacer dano) a",
        "(quiere|queria|quiso|quieren) (matar|apunalar|disparar|hacer dano) a",
        "(he|she|they|he's|she's|they're) (is |are |was |were )?(going to|gonna|will|wants to|want to|"
        "wanted to) "
        "(kill|shoot|stab|hurt) (a|his|her|their|someone|somebody|people|everyone|the|my)",
        "(he'll|she'll|they'll|he'd|she'd|they'd) (kill|shoot|stab) (a|his|her|their|someone|people|"
        "everyone|the|my)",
    ], person="third"),
    # --- Abuse (children and dependants) --------------------------------------------------------
    *_rules(ABUSE, "urgent", [
        rf"(mi|el|la|un|una) ({_KIN_ES}|senor|hombre|chico|adulto|desconocido) ~3 {_ME_ABUSE_ES}",
        rf"(my|the|our|a|an) ([\w']+ )?({_KIN_EN}|man|guy|adult|stranger) ~3 {_ME_ABUSE_EN}",
        "entra (en|a) mi (cuarto|habitacion|cama) (por|de) (las )?noches?",
        "(comes|came|gets|sneaks) into my (room|bed) (at night|when)",
        "(asking|asks|asked|ask|wants|wanted|pressuring|pressures|keeps asking) me (to send|for) "
        "(nudes|naked (pictures|photos|pics)|pictures of my body|(pics|photos|pictures) without clothes)",
        "me (pide|piden|pidio|pidieron) que le (mande|envie|pase) fotos (desnud[oa]|sin ropa)",
        "(sufro|estoy sufriendo) (abusos?|maltrato)",
        "(me violaron|me violo|me viola|me han violado|abusaron de mi|abusan de mi|"
        "abusan sexualmente de mi|abuso sexualmente de mi|me abusaron|me tocan (mis|mis partes|ahi)|"
        "me toca (mis partes|ahi|mis pechos|mis genitales|por debajo))",
        "(i was|i got|i've been|i have been|i'm being|im being|i am being) "
        "(raped|molested|sexually abused|abused|assaulted|sexually assaulted)",
        "(abuso|abusaron|abusaba|abusaban|abusa|abusan) (sexualmente )?de mi",
        "(raped|molested|abused|sexually assaulted) me",
        "(at home|en casa) (they )?(hit|beat|hurt) me",
        "en casa me (pegan|golpean|maltratan)",
        "(he|she|they) ~2 (hits|beats|kicks|punches|chokes|burns) me",
        r"me (pega|pegan|golpea|golpean)(?=\s*([.!,;]|$|mucho|siempre(?!\s+(el|la|los|las|un|una|su|"
        r"sus)\b)|todos|cuando|con (el|la|un|una) "
        r"(cinturon|correa|palo|chancla|mano|zapatilla)))",
        "(he|she|someone|somebody|they) (raped|molested|abused|rapes|molests|abuses|touches|"
        "touched) me",
        "(touches|touched|touching) me (there|down there|in my private|where i don't want|"
        "inappropriately|at night)",
        "(me obliga|me obligan|me obligo) a (tocarle|tocarlo|desnudarme|hacer cosas|tener sexo|"
        "mandar fotos|enviar fotos)",
        "(makes|made|forces|forced) me (to )?(do (things|stuff) i don't want|touch him|touch her|"
        "take off my clothes|"
        "send (him |her )?(nudes|pictures|photos)|have sex)",
        "(me pide|me pidio|me piden|asks me for|asked me for|wants me to send) "
        "(fotos desnud[oa]|fotos sin ropa|nudes|naked (pictures|photos))",
        "(tengo miedo de|me da miedo) (volver|ir|regresar) a (casa|mi casa)",
        "(i'm|im|i am) (scared|afraid|terrified) (to go|of going) home",
        "(no me dejan|no me dan) (comer|salir de casa|salir de mi cuarto)",
        "(they|my parents) (don't|won't|dont|wont) (let me eat|feed me)",
    ]),
    *_rules(ABUSE, "concern", [
        rf"(su|el|la) {_KIN_ES} ~3 (la|lo|le|les|los|las) (pega|golpea|toca|tocaba|pegaba|maltrata|"
        r"viola|violaba|manosea|manoseaba|abusa|encierra|quema)",
        "(he|she|they|is|are) (being|getting) (abused|molested|beaten|hit at home)",
        rf"(his|her|their|the|\w+'s) (\w+ )?{_KIN_EN} ~3 (hits|beats|touches|touched|abuses|abused|hurts|molests|"
        r"molested|raped|rapes) (her|him|them)",
        "(le|les) (pegan|pega|golpean|golpea|tocan|maltratan) en (su )?casa",
        "(abusan|abusaron|abusaba|abusa) (sexualmente )?de (ella|el|una alumna|un alumno|"
        "mi (hija|hijo|hermana|hermano|amiga|amigo|prima|primo|sobrina|sobrino))",
        "(is|was|being|been) (abused|molested|raped|beaten) (by|at home)",
        "(maltrato|abuso|abusos) (infantil|sexual|a menores|a un menor|a una menor)",
        "(child|sexual) abuse",
        "(was|got) (abused|molested|raped)",
    ], person="third"),
    # --- Violence at home (partner and family) ---------------------------------------------------
    *_rules(DOMESTIC_VIOLENCE, "urgent", [
        rf"(mi|el) {_PARTNER_ES} ~3 {_ME_ABUSE_ES}",
        rf"(my) ([\w']+ )?{_PARTNER_EN} ~3 {_ME_ABUSE_EN}",
        "(me amenazo|me amenaza|amenazo|amenaza) con (matarme|matarnos|matar a mis hijos|"
        "quitarme a (mis|los) hijos)",
        "(threatened|threatens|threatening) to kill (me|us|the kids|my kids|the children)",
        "(sufro|vivo|estoy sufriendo) (violencia|maltrato) (de genero|domestica|intrafamiliar|"
        "familiar|en (mi )?casa)",
        "(i'm|im|i am) (in an abusive relationship|being abused|a victim of domestic violence)",
        "(me|nos) (pega|pegan|golpea|golpean) (en casa|todos los dias|cuando bebe|cuando toma)",
    ]),
    *_rules(DOMESTIC_VIOLENCE, "concern", [
        "(tengo|me da) miedo (de|a) (mi|el) (pareja|marido|esposo|novio|ex|novia|esposa|padre|papa)",
        "(i'm|im|i am) (scared|afraid|terrified) of (my|him|her) ?(husband|boyfriend|partner|"
        "wife|girlfriend|ex|dad|father)?",
        "(me|nos) (grita|insulta|humilla|controla|vigila) (todo el tiempo|todos los dias|siempre|"
        "y me|cuando)",
        "no me deja (ver a|salir|trabajar|hablar con|usar el telefono|tener dinero)",
        "(he|she) (won't|doesn't|dont|doesnt) let me (see|leave|go out|work|have money|talk to)",
        rf"my {_PARTNER_EN} ~5 (won't|doesn't|does not|will not|never) let me (see|leave|go out|work|"
        "have money|talk to)",
        rf"my {_PARTNER_EN} ~2 (yells|screams|shouts) at me",
        rf"my {_PARTNER_EN} ~2 (insults|humiliates|belittles|controls) me",
        rf"my {_PARTNER_EN} ~2 (checks|controls|reads|goes through) my (phone|messages|money)",
        "(mi|el) (pareja|marido|esposo|novio|novia|esposa|ex) ~2 (me )?(controla|revisa|mira) "
        "(el|mi) (movil|celular|telefono|dinero|whatsapp)",
        "(violencia|maltrato) (de genero|domestica|intrafamiliar)",
        "domestic (violence|abuse)",
        "(le|la) (pega|golpea|maltrata) (su )?(marido|esposo|pareja|novio)",
        "su (marido|esposo|pareja|novio|novia|esposa|ex) ~2 (le|la) (pega|golpea|maltrata|amenaza|pegaba)",
        "(her|his|\\w+'s) (husband|boyfriend|partner|wife|girlfriend) (hits|beats|abuses|hurts) (her|him)",
    ], person="third"),
    # --- Acute danger and medical emergency ------------------------------------------------------
    *_rules(ACUTE_DANGER, "urgent", [
        "(me )?(tome|he tomado|trague|he tragado|bebi|me bebi) (todas|muchas|demasiadas|un monton|"
        "un bote|el bote|todo el bote|la caja|una caja|el frasco|un frasco|toda la|todo el|\\d+|"
        "veinte|treinta|cincuenta) ~4 (pastillas|pildoras|medicamentos|somniferos|"
        "antidepresivos|paracetamol|ibuprofeno|medicinas|calmantes)",
        "me (tome|he tomado|trague|he tragado|bebi) ~3 (lejia|veneno|matarratas|anticongelante)",
        "(un hombre|alguien|un tipo|un senor|un desconocido) con (un|una) (cuchillo|pistola|arma|navaja)",
        "me tiro (por|de|desde) (la|el) (ventana|puente|balcon|azotea|edificio|techo)",
        "(tengo|tuve|hice|he tomado|tome|me di|creo que tengo) (una )?sobredosis",
        "(estoy|sigo) sangrando (mucho|sin parar|muchisimo)",
        "no (para|deja|paro) de sangrar",
        "(tiene|trae|saco|lleva) (un|una) (arma|cuchillo|pistola|navaja|escopeta|machete) ~4 "
        "(gritando|amenaz\\w+|borrach[oa]|me va a|nos va a|quiere matar|en la puerta|viene|persigue)",
        "(esta|estan|alguien esta) (entrando|intentando entrar|forzando la puerta) (en|a) (casa|mi casa)",
        "(llamen|llamad|alguien llame|que alguien llame) (a )?(una ambulancia|la policia|emergencias|"
        "al 911|al 112)",
        "(no respira|no puede respirar|no reacciona|no despierta|esta inconsciente|se desmayo y no)",
        "(estoy|me encuentro) (en|encima de) (el|la) (puente|azotea|cornisa|borde|vias|tejado|techo)"
        "(?=\\s*([.!,;]|$|y (no se|voy|quiero|me voy)|sol[oa]|ahora))",
        "(i )?(took|swallowed|ate|have taken|taken) (all|a bunch|a lot|loads|too many|a handful|"
        "handfuls|the whole|a whole|an entire|the entire|half a|half the|\\d+|twenty|thirty|fifty|a box|a bottle) ~4 (pills|tablets|meds|"
        "medication|paracetamol|tylenol|ibuprofen|bottle|sleeping pills)",
        "(i )?(took|swallowed|drank|ate) ~3 (bleach|poison|antifreeze)",
        "(a man|someone|somebody|a guy|a stranger) with a (gun|knife|weapon) (at|in|outside) (my|the)",
        "(i )?(overdosed|od'd|am overdosing|have overdosed|took an overdose)",
        "(i'm|im|i am|it's|still|keeps) bleeding (a lot|badly|heavily|so much|everywhere|nonstop|"
        "non-stop|non stop)",
        "(can't|cannot|won't) stop (the )?bleeding",
        "(he|she|someone|they|a man|my \\w+) (has|got|pulled|is holding) "
        "a (gun|knife|weapon|rifle) ~4 (screaming|shouting|yelling|threaten\\w*|drunk|coming|"
        "going to|at the door|chasing|wants to kill)",
        "(someone|somebody|a man|he|they) (is|are) (breaking|trying to break|trying to get) in(?!\\s+(touch|contact|line|the queue|shape|trouble))",
        "(someone|somebody|please|pls|plz|help|need you to|i'm|im|i am) ~2 (call|calling) "
        "(an ambulance|911|999|112|the police|emergency services)",
        "(not|isn't|stopped|no longer) breathing",
        "(is|was|he's|she's|found (him|her|them)) (unconscious|unresponsive)",
        "won't wake up",
        "(i'm|im|i am|standing) (on|at) (the|a) (bridge|roof|rooftop|ledge|edge|train tracks|cliff)"
        "(?=\\s*([.!,;]|$|and (i|i'm|im) (going|gonna|want|don't know)|right now|now|alone))",
    ]),
    *_rules(ACUTE_DANGER, "concern", [
        "(i )?(can't|cannot|can not) breathe",
        "no puedo respirar",
    ]),
    # --- Added from the third development round ---------------------------------------------------
    *_rules(SUICIDE, "urgent", [
        "(thinking|thought|think|pensando|pienso|pense) (about|of|en) (taking|swallowing|tomarme|"
        "tragarme) (all|a bunch of|todas|todas las|las|un monton de) (my |mis )?(pills|meds|pastillas)",
        "(i've|i have|i've been) (wanted|wanting) to (die|kill myself|end my life)",
        "(want|wanna|need) (to )?end it(?=\\s*([.!,;]|$|tonight|today|now|all))",
    ]),
    *_rules(SUICIDE, "concern", [
        "(i )?(can't|cannot) (find|see) (any )?(meaning|point|reason) in (life|living)",
        "(i )?see no (point|reason|meaning) in (living|life)",
        "(i )?(can't|cannot) (take|handle|stand|bear) (the|this) (grief|pain|loneliness|sadness|"
        "suffering|abuse) (anymore|any more|no more)",
        "no puedo (mas )?con (el duelo|el dolor|la tristeza|esta vida|todo esto|esta soledad)",
    ]),
    *_rules(SUICIDE, "concern", [
        "(suicide attempt|intento de suicidio|intentos de suicidio|suicide attempts)",
        "(ha tenido|tuvo|habia tenido|has had|had) (pensamientos|ideas|suicidal) (suicidas|thoughts)",
        "no le (ve|encuentra) sentido a (la vida|vivir|nada|seguir)",
        "(sees|see) no (point|reason|meaning) in (living|life|going on)",
        "slit (her|his|their) wrists",
    ], person="third"),
    *_rules(SELF_HARM, "urgent", [
        "(me he hecho|me he vuelto a hacer|volvi a hacerme|me hice|me vuelvo a hacer) (cortes|dano|"
        "heridas|quemaduras)(?!\\s+((en|al) (la|el) (rodilla|tobillo|mano|pie|espalda|brazo|dedo|"
        "cabeza|codo|muneca|hombro|cuello)|jugando|corriendo|entrenando|al caer|sin querer|cocinando))",
        "me estoy (cortando|haciendo dano|quemando|lastimando)",
    ]),
    *_rules(SELF_HARM, "concern", [
        "cortes (recientes |nuevos |frescos |profundos )?en (los brazos|las munecas|las piernas|"
        "los muslos)",
        "(fresh|new|deep|recent) cuts on (his|her|their|my \\w+'s|the) (arms|wrists|legs|thighs)",
    ], person="third"),
    *_rules(DOMESTIC_VIOLENCE, "concern", [
        "(scared|afraid|terrified) of (going back to|seeing|meeting|running into) (my )?(ex|husband|"
        "partner|boyfriend|wife|girlfriend)",
        "(tengo|me da) miedo (de|a) (volver con|ver a|encontrarme con|cruzarme con) (mi )?(ex|pareja|"
        "marido|novio|esposo|novia|esposa)",
    ]),
    *_rules(HARM_TO_OTHERS, "urgent", [
        "(going|go|gonna go|i'll go) to (school|class|work|college) with a (knife|gun|weapon|rifle)",
        "(voy|ire|vamos) (a ir )?(al|a la|a) (colegio|instituto|escuela|clase|trabajo|insti|cole|"
        "universidad) con (un|una) (cuchillo|pistola|arma|navaja|escopeta)",
    ], person="other"),
    *_rules(HARM_TO_OTHERS, "concern", [
        "(threatened|threatens|threatening) to (kill|stab|shoot|hurt|beat up) (a|another|his|her|"
        "their|the|someone|somebody|other)",
        "(amenazo|amenaza|amenazaba|ha amenazado) con (matar|apunalar|disparar|pegar|hacer dano) a",
    ], person="third"),
    *_rules(ACUTE_DANGER, "urgent", [
        "(with|holding|has|got) a (knife|gun|weapon|machete|pistol) in (his|her|their) hand",
        "con (un|una) (cuchillo|pistola|arma|navaja|machete) en la mano",
        "(she's|he's|they're|she is|he is|is|are) bleeding (a lot|badly|heavily|so much|everywhere)",
        "(esta|estan) sangrando (mucho|sin parar|muchisimo)",
    ]),
    # --- Second round of generalisation (after held-out v1; see docs/crisis-detection.md) ------------
    # A first-person wish or decision followed closely by death, in the same clause.
    *_rules(SUICIDE, "urgent", [
        "(quiero|quisiera|prefiero|preferiria|ojala|deseo|me gustaria|necesito|lo unico que quiero es|"
        "he decidido|decidi|tengo decidido|voy a|solo quiero|solamente quiero) ^5 (morirme|morir|"
        "estar muert[oa]|matarme|suicidarme|quitarme la vida|no despertar(me)?|dejar de existir|"
        "no existir|terminar con mi vida|acabar con mi vida)",
        "(i want|i wanna|i wish|i'd rather|i would rather|i prefer|all i want|i need|"
        "i plan|i've decided|i have decided|i'd like|i would like|i just want|i only want) "
        "^5 (to die|die|be dead|dead|kill myself|end my life|take my (own )?life|not wake up|"
        "never wake up|stop existing|not exist|not be alive)",
        "(don't|do not|dont) want to (stay|keep|remain|be) (alive|living)",
        "no (quiero|kiero) (seguir|estar|quedarme|mantenerme) viv[oa]",
        "(termino|terminare|acabo|acabare|voy a terminar|voy a acabar) con (mi vida|todo(?!\\s+(el|la|"
        "lo|los|las|esto|eso)))",
        "(guardado|guardando|saved|saving|stockpiling|hoarding|acumulando|juntando|acumulado) ^5 "
        "(pills|pastillas|meds|medicamentos|pildoras)",
        "(step|stepping|jump|jumping|throw myself|walk|walking|tirarme|lanzarme) (in front of|under|"
        "delante del|debajo del|bajo el) (the |a |un )?(train|bus|car|truck|lorry|tren|coche|camion|"
        "autobus|metro)",
        "(voy|vo) a saltar(?=\\s*([.!,;]|$|ya|ahora|esta noche|hoy))",
    ]),
    *_rules(SUICIDE, "concern", [
        "(wish|ojala|gustaria|quisiera) ^3 (disappear|desaparecer)(?!\\s+(from|for a|off|de (las redes|"
        "instagram|facebook|tiktok|twitter|internet|whatsapp|este grupo)|del (grupo|chat)|"
        "un (tiempo|rato)))",
    ]),
    *_rules(SELF_HARM, "urgent", [
        "(cut|cutting|burn|burned|burnt|burning|hit|hurt|cortarme|quemarme|me queme|me he quemado|"
        "me corte|me he cortado|me hago|golpearme|lastimarme) ^6 (to punish myself|para castigarme|"
        "to (be able to )?sleep|para (poder )?dormir|to feel|para sentir|para calmarme|to calm (myself )?"
        "down|on purpose|a proposito|to cope|para aguantar)",
        "(burned|burnt|cut|quemado|cortado|queme|corte) (my|mi|el|la) (arm|arms|wrist|wrists|leg|legs|"
        "thigh|thighs|skin|brazo|brazos|muneca|munecas|pierna|piernas|muslo|muslos|piel) (with|con) "
        "(a|un|una|el|la) (cigarette|cigarro|cigarrillo|lighter|mechero|razor|cuchilla|blade|navaja)",
        "(necesito|tengo que|voy a|need to|have to) (cortarme|hacerme dano|quemarme|cut myself|"
        "hurt myself|burn myself)",
    ]),
    *_rules(SELF_HARM, "concern", [
        "(used to|solia|antes me) (cut|cortar|cortarme|hacia cortes|self[- ]?harm)",
    ]),
    *_rules(SELF_HARM, "concern", [
        "(bangs|hits|banging|hitting|golpea|golpeaba) (his|her|their|la) (head|cabeza) (against|contra)",
        "se golpea la cabeza contra",
    ], person="third"),
    *_rules(ABUSE, "urgent", [
        "touched me (in the (shower|bath|bathroom|bed|dark|changing room)|while i (was )?"
        "(sleeping|asleep))",
        "me toco (en la ducha|en el bano|en la cama|mientras dormia|en el vestuario)",
    ]),
    *_rules(ABUSE, "concern", [
        "(gets|get|getting|got) (hit|beaten|abused|hurt) at home",
    ], person="third"),
    *_rules(DOMESTIC_VIOLENCE, "urgent", [
        "(if i leave|si lo dejo|si la dejo|si me voy|if i go) ^4 (kill me|me mata|me matara|me va a matar)",
        "(who|que) (beats me|hits me|abuses me|rapes me|me pega|me golpea|me maltrata|me viola)",
    ]),
    *_rules(DOMESTIC_VIOLENCE, "concern", [
        "(won't|doesn't|does not|will not) let me have (my own )?money",
        "me da miedo (mi|el) (pareja|novio|marido|esposo|novia|esposa|ex)",
    ]),
    *_rules(DOMESTIC_VIOLENCE, "concern", [
        "(who|que) (abuses|beats|hits) (her|him)",
        "que (la|lo) (maltrata|pega|golpea)",
    ], person="third"),
    *_rules(HARM_TO_OTHERS, "urgent", [
        "(going to|gonna|i'll|i will|i want to) (set|burn) ~3 (on fire|down) ~3 (with|while) "
        "(them|him|her|people|everyone)",
        "(voy a|quiero|vamos a) (prenderle|prender|pegarle|pegar|meterle) fuego",
    ], person="other"),
    *_rules(ACUTE_DANGER, "urgent", [
        "(blood|sangre|bleeding) ^4 (won't stop|will not stop|doesn't stop|isn't stopping|no para|"
        "no deja de salir|sin parar)",
        "no (para|deja) de (salir sangre|sangrar)",
        "(isn't|is not|not|no longer|stopped) (responding|reacting|responsive)",
        "(barely|hardly|apenas|casi no) (breathing|respira)",
        "(force|forcing|forzar|forzando|break down|breaking down|kick in|kicking in|romper|rompiendo) "
        "(my|the|la|mi) (front )?(door|puerta|window|ventana)",
    ]),
    # --- Third round of generalisation (after held-out v2) -------------------------------------------
    *_rules(SUICIDE, "urgent", [
        "(dream|dreaming|fantasize|fantasise|fantasizing|pray|praying|sueno|fantaseo|rezo) (of|about|"
        "that|con|que|para)? ?(i )?(never waking up|not waking up|dying|being dead|no volver a "
        "despertar|no despertar|morirme|estar muert[oa]|desaparecer para siempre)",
        "(thinking|thought|pensando|pense) (about|of|en) (jumping|saltar|tirarme)",
        "(going to|gonna|i'll|i will|want to|wanna) end (everything|it all)",
        "(better|mejor) (life|lives|vida) without me",
        "mejor vida sin mi",
        "(tonight|esta noche|hoy) (i )?(take|me tomo|tomo|me trago) (all|todas) (the |my |las |mis )?"
        "(pills|pastillas|meds)",
        "(take|me tomo|tomarme|tragarme) (all|todas) (the |my |las |mis )?(pills|pastillas|meds) ~3 "
        "(and that's it|y se acabo|at once|de golpe|de una vez|to die|para morir)",
        "(how many|cuantas) (pills|pastillas|tablets|pildoras) ~4 (to die|para morir|to kill|"
        "para matar\\w*|to overdose|lethal|letal|mortal)",
        "(si|if) (me dejas|you leave me|me abandonas|me dejan) ^3 (me mato|me suicido|i'll kill myself|"
        "i will kill myself|i kill myself)",
    ]),
    *_rules(SUICIDE, "concern", [
        "(how much longer|cuanto mas|cuanto tiempo mas) ~4 (hold on|keep going|last|aguantar|resistir|"
        "seguir)",
        "(i )?(have|feel like i have|see) no future",
        "no (tengo|veo) (ningun )?futuro",
        "(i )?(can't|cannot) cope( with (my life|this|it|anything|life))?( anymore)?",
        "(if i (weren't|wasn't|were not|was not) (around|here)|si (yo )?no (estuviera|existiera))",
        "(soy|i'm|i am|im) (un estorbo|una carga|a nuisance|a burden)",
    ]),
    *_rules(SUICIDE, "concern", [
        "(se suicido|se mato|se quito la vida|se ahorco)",
    ], person="third"),
    *_rules(SELF_HARM, "urgent", [
        "(burn|burning|cut|cutting|quemo|corto|quemar|cortar|quemarme|cortarme) (my|mi|la|el|los|las) "
        "(skin|arms?|wrists?|legs?|thighs?|stomach|piel|brazos?|munecas?|piernas?|muslos?|barriga) "
        "(with|con) (a|the|my|un|una|el|la|mi) (lighter|cigarette|razor|blade|knife|compass|"
        "scissors|mechero|encendedor|cigarro|cigarrillo|cuchilla|navaja|cuchillo|tijeras|compas)",
        "(punch|punching|hit|hitting|slap|slapping|scratch|scratching|bite|biting|pego|golpeo|muerdo|"
        "rasco|me pego|me golpeo|me muerdo|me rasco) (myself|my (legs|arms|face|head|stomach|thighs)|"
        "punetazos|(en )?(las|los|la) (piernas|brazos|cara|cabeza|barriga|muslos)) ~4 (until|hasta)",
        "(cut|cutting) (agian|agin|againn|again tonight)",
    ]),
    *_rules(SELF_HARM, "concern", [
        "(cut marks|scars|marcas de cortes|cicatrices|cortes|quemaduras|burns) (on|en) (her|his|their|"
        "los|las|sus) (arms|wrists|legs|thighs|brazos|munecas|piernas|muslos)",
        "(pulls (his|her|their) hair out|picks at (his|her|their) skin|se arranca el pelo|"
        "se hace heridas)",
    ], person="third"),
    *_rules(ABUSE, "urgent", [
        "(and|then|y|luego) (he |she |el |ella )?(touches|touched|gropes|groped|molests) me",
        "(y|luego) me (toca|toco|manosea|manoseo)(?!\\s+(a mi|\\w+(ar|er|ir)(la|lo|le|las|los|les|me|te|"
        "se|nos)?\\b|el turno|la loteria))",
        "(asking|asks|asked|ask|pidiendome|pidiendo|me pide|me pidio|me piden|wants|quiere) ~3 "
        "(naked|nude|nudes|desnud[oa]s?|sin ropa|intimas)( (photos|pictures|pics|fotos))?",
        "(fotos|photos|pictures|pics) (desnud[oa]|sin ropa|intimas|naked|nude)",
    ]),
    *_rules(ABUSE, "concern", [
        "(mistreats|abuses|beats|hits|maltrata|pega|golpea) (a )?(her|his|their|sus|su) (children|kids|"
        "son|daughter|child|hijos|hija|hijo|ninos|ninas)",
        "sufre (violencia|maltrato|abusos?)",
    ], person="third"),
    *_rules(DOMESTIC_VIOLENCE, "concern", [
        "my (husband|wife|boyfriend|girlfriend|partner|ex) ~2 controls (everything|my (money|phone|"
        "friends|life))",
        "(mi|el) (pareja|marido|esposo|novio|novia|esposa|ex) ~2 me (humilla|insulta|grita|controla|"
        "desprecia)",
        "(me )?controla (todo|el dinero|el movil|mi dinero|mi movil|mi vida)",
    ]),
    *_rules(ACUTE_DANGER, "urgent", [
        "(waiting|esperando|outside|fuera|at my door|en la puerta|en mi puerta) ~4 (with|con) "
        "(a|un|una) (knife|gun|weapon|cuchillo|pistola|arma|navaja|machete|bat|bate)",
        "(there's|there is|hay|tengo|we have) (an |a |un |una )?(armed man|armed person|gunman|shooter|"
        "hombre armado|persona armada|tirador|tipo armado)",
        "(ha bebido|bebio|se tomo|se trago|ha tomado|drank|swallowed) ~2 (lejia|veneno|matarratas|"
        "bleach|poison|antifreeze)",
    ]),
    # --- Fourth round of generalisation (after held-out v3) -------------------------------------------
    *_rules(SUICIDE, "urgent", [
        "(all i (can )?think about is|i only think about|i keep thinking about|solo pienso en|"
        "no dejo de pensar en|no paro de pensar en) (dying|death|killing myself|ending it|morir|"
        "morirme|la muerte|matarme|suicidarme)",
        "(going to|gonna|i'll|voy a|me voy a|i'm going to) (take|swallow|tomarme|tragarme|tomar|tragar) "
        "(the|a|el|un|todo el|toda la|una) (whole |entire |entero |entera )?(bottle|box|frasco|bote|caja|"
        "blister|packet|pack)",
        "(don't|dont|do not) (want|wanna) (to )?be alive",
        rf"(ya )?no {_Q} (estar|seguir) viv[oa]",
        "(sitting|standing|sentad[oa]|de pie|parad[oa]) (on|at|en|sobre) (the|a|la|el) (ledge|roof|"
        "rooftop|railing|cornisa|azotea|barandilla|tejado|edge of the (roof|cliff|bridge|platform))",
        "(if i'm not (here|around) tomorrow|si manana (ya )?no estoy|when i'm gone|cuando ya no este|"
        "cuando me haya ido)",
        "(i )?hope (i|to) (die|don't wake up|never wake up|don't survive)",
        "(thinking|thought|think|pensando|pense|pienso) (about|of|en) (throwing myself|hanging myself|"
        "overdosing|slitting my wrists|drowning myself|tirarme|ahorcarme|cortarme las venas|colgarme)",
        "throwing myself (in front of|under|off)",
        "(don't have|no tengo|have no|sin|i've no) (the |las )?(strength|fuerzas|energy|energia) (to|para) "
        "(keep living|go on|live|seguir viviendo|vivir|seguir viv[oa]|seguir)",
        "(want|quiero) (it|que) (all )?(to be )?(over|acabe|termine)",
        "quiero acabar ya",
        "(written|wrote|escribi|he escrito|ya escribi) (the|my|a|la|mi|una) (note|letter|carta|nota)[,.;:]? ~6 "
        "(tonight|esta noche|tomorrow|manana|me voy|i'm going|goodbye|despedida|adios)",
        "(leave|irme de|dejar|salir de) (this world|este mundo)",
        "me (quiero|kiero) ir para siempre",
        "mi vida ^6 (terminar|acabar) con ella",
        "me (voy|vo) a tirar (del|de la|desde el|desde la|por la|al|a las) (puente|ventana|azotea|edificio|"
        "balcon|terraza|vias|tren|metro|techo|tejado|acantilado)",
        "nadie ~3 (echar de menos|extranar) ~3 (cuando|si) (me mate|me muera|me suicide|muera|me vaya)",
        "(que|q|ke) ganas de (morirme|matarme) de verdad",
    ]),
    *_rules(SUICIDE, "concern", [
        "(tuve|tenia|had|used to have) (pensamientos|ideas|suicidal) (suicidas|thoughts)",
        "better (if|that) i('d| had)? never (been born|existed)",
        "mejor no haber nacido",
        "(all this|todo este|toda esta|so much) (pressure|presion|stress|estres|pain|dolor)",
        "(reason|reasons|motivo|motivos|razon|razones) (to|para) (get up|keep going|levantarme|"
        "seguir adelante)",
        "(feel|me siento|estoy|i'm|im) ~3 (hopeless|sin esperanza|desesperanzad[oa])",
    ]),
    *_rules(SUICIDE, "concern", [
        "(pegarse un tiro|tirarse (del|de un|por la|al|a las)|colgarse)",
        "(thinks|thinking|talks|talking|thought) about (shooting|hanging|killing|drowning|poisoning) "
        "(himself|herself|themselves)",
        "(tried|attempted|intento|ha intentado) to (hang|kill|drown|poison|shoot|overdose) "
        "(himself|herself|themselves)?",
        "(wants|wanted|quiere|queria) (to )?(disappear|desaparecer)",
    ], person="third"),
    *_rules(SELF_HARM, "urgent", [
        "(scratch|scratching|pick|picking|bite|biting|hit|hitting|punch|punching|rasco|lastimo|muerdo|"
        "golpeo|me rasco|me lastimo|me muerdo|me golpeo) ~5 (until (they |it |i )?(bleed|bleeds|bruise)|"
        "hasta (sangrar|que sangr\\w+|hacerme sangre))",
    ]),
    *_rules(SELF_HARM, "concern", [
        "(bites|scratches|hits|cuts|burns|se muerde|se rasca|se golpea|se corta) ~4 (until (they|it|he|"
        "she) (bleed|bleeds)|hasta (hacerse sangre|sangrar))",
        "se hace (cortes|heridas|dano)",
    ], person="third"),
    *_rules(ABUSE, "urgent", [
        "(stepmum|step mum|step-mum|stepmom|step mom) ~3 (hits|beats|hurts|burns|locks|touches) me",
    ]),
    *_rules(ABUSE, "concern", [
        "(makes|forces|made|forced) (her|him|them) (to )?(touch (him|her)|undress|send (nudes|photos))",
        "(la|lo|le) obliga a (tocarle|tocarlo|tocarla|desnudarse|hacer cosas)",
        "(is|are) being (abused|mistreated|beaten|neglected|hit)",
    ], person="third"),
    *_rules(DOMESTIC_VIOLENCE, "urgent", [
        "my (ex|husband|wife|boyfriend|girlfriend|partner) ~6 (going to|gonna|he'll|she'll|he will|"
        "she will|will) kill me",
        "(mi|el) (ex|pareja|marido|esposo|novio|novia|esposa) ~6 me (va a matar|matara)",
        "(has|have|had) beaten me( up)?",
        "me (ha|han) dado (una paliza|golpes|una golpiza)",
    ]),
    *_rules(DOMESTIC_VIOLENCE, "concern", [
        "(forbids|forbade|won't allow|doesn't allow) me (from |to )?(going out|go out|leaving|leave|"
        "seeing|see|working|work)",
        "me (prohibe|prohibio) (salir|ver|trabajar|hablar|usar)",
        "me vigila (el movil|el telefono|el celular|todo|las llamadas)",
        "(miedo de que|temo que|afraid|scared|terrified) ~4 (me haga dano|me pegue|me mate|hurt me|"
        "kill me|hit me)",
    ]),
    *_rules(HARM_TO_OTHERS, "urgent", [
        "(my |the |la |mi )?(gun|pistol|rifle|shotgun|pistola|escopeta|arma|revolver) (is |esta )?"
        "(loaded|cargada|cargado)",
    ], person="other"),
    *_rules(HARM_TO_OTHERS, "concern", [
        "(thoughts|pensamientos|ideas|urges|impulsos) (of|about|de) (harming|hurting|killing|"
        "hacer dano|hacerle dano|matar|danar|lastimar) (a )?(my|mi|someone|alguien|him|her|people)",
    ], person="other"),
    *_rules(ACUTE_DANGER, "urgent", [
        "(hiding|escondid[oa]|me escondo|me he escondido|me escondi) (in|en) (the|a|my|el|la|un|una|mi) "
        "(wardrobe|closet|bathroom|cupboard|armario|bano|closet|habitacion|cuarto)",
        "(someone|somebody|alguien|a man|un hombre|un desconocido) (got|broke|has broken|ha entrado|entro|"
        "se ha metido|se metio) (into|in|en) (the |my |la |mi )?(house|home|flat|casa|piso)",
        "(man|person|guy|someone|hombre|persona|tipo|alguien|senor) (with|con) (a|an|un|una) (gun|knife|"
        "weapon|rifle|pistola|cuchillo|arma|escopeta|navaja|machete)",
        "(blood|sangre) (everywhere|all over|por todas partes|por todos lados)",
        "no se despierta",
    ]),
]

# --- Fifth round of generalisation (after held-out v4): intent, means, plan and farewell --------
# Wider families rather than sentences: possessions given away with a farewell or "won't need",
# no longer existing tomorrow, not deserving to live, a method with a purpose ("para morirme",
# "so I can jump"), stopping vital medication, sextortion, injuries from a partner, fires,
# seizures and people not responding.
_GIVE_ES = r"(regale|he regalado|estoy regalando|ya regale|di|he dado|he repartido|reparti|estoy repartiendo)"
_THINGS_ES = r"(mis cosas|todas mis cosas|mi ropa|mis libros|mis juegos|mi (gato|gata|perro|perra|mascota|guitarra|moto|coche|carro|consola|compu|computadora|ordenador))"
_GIVE_EN = r"(giving|gave|given|been giving|handing|handed|got rid of|getting rid of)"
_THINGS_EN = r"(my (things|stuff|belongings|possessions|clothes|books|games|guitar|car|bike|console|cat|dog|pets?))"
_PURPOSE_ES = r"(para|pa|y) (morirme|matarme|suicidarme|tirarme|saltar|no despertar|acabar con todo|no sufrir mas|dejar de existir|quitarme la vida)"
_PURPOSE_EN = r"(so (that )?i (can |could |will |would |'ll )?(die|jump|end it|never wake up|not wake up|kill myself|slip away|go to sleep forever|stop existing)|to (kill myself|end it|end my life|jump|die))"
_VITAL_ES = r"(la insulina|mi insulina|mi medicacion|la medicacion|mis pastillas|el tratamiento|la dialisis|mis medicinas)"
_VITAL_EN = r"(my insulin|insulin|my meds|my medication|my tablets|my treatment|dialysis|my medicine)"

RULES += [
    *_rules(SUICIDE, "urgent", [
        rf"{_GIVE_ES} {_THINGS_ES} ~8 (no (la|las|lo|los) (voy a|vaya a) necesitar|no (me )?(va|van) a hacer falta|cuando (yo )?no (este|estoy)|cuando me (vaya|muera)|donde voy|me despedi|despedirme|adios)",
        rf"(me (he|e) despedido|me despedi|ya me despedi) de (todos|todo el mundo|mi familia|mis amigos) ~6 {_GIVE_ES}",
        rf"{_GIVE_EN} (away )?(all )?{_THINGS_EN} ~8 (won't need|wont need|will not need|when i'm gone|when im gone|when i am gone|where i'm going|goodbye|said my goodbyes)",
        rf"(said|say|saying) (my )?goodbyes? to (everyone|everybody|all of you|my family|my friends) ~6 {_GIVE_EN}",
        rf"{_GIVE_EN} (away )?(all )?{_THINGS_EN} away ~8 (won't need|wont need|when i'm gone|when im gone|goodbye)",
        r"(manana|pronto|esta noche|el lunes|dentro de poco) (ya )?no (existire|estare (aqui|aca|vivo|viva)|vivire|voy a existir|voy a estar (aqui|aca))",
        r"(tomorrow|soon|after tonight|by monday|by morning) i (won't|wont|will not) (exist|be here|be alive|be around)( anymore)?",
        r"i (won't|wont|will not) be (here|around|alive) (tomorrow|much longer|for long|after tonight|by morning)",
        r"(no merezco|no me merezco) (vivir|seguir viv[oa]|estar viv[oa]|la vida|seguir aqui)",
        r"(i )?(don't|dont|do not) deserve to (live|be alive|be here|exist)",
        r"(seria|será|sera) (un alivio|mejor|lo mejor) para (todos|todo el mundo|mi familia) (que|si) (me muriera|me muera|muriera|desapareciera|no estuviera|me fuera)",
        r"(would be|will be|'d be) (a relief|better|easier) for (everyone|everybody|my family|them) if i (died|was dead|were dead|was gone|disappeared|wasn't here|weren't here)",
        rf"(dejar de tomar|dejado de tomar|deje de tomar|no me voy a poner|ya no me pongo) {_VITAL_ES} ~3 {_PURPOSE_ES}",
        rf"(stop|stopped|quit|quitting|stopping) (taking )?{_VITAL_EN} ~4 ({_PURPOSE_EN}|on purpose|so i (die|slip away))",
        rf"(esperando|espero|a que pase|mirando) ~6 {_PURPOSE_ES}",
        rf"(waiting for|looking at|standing (on|at|by)) ~6 {_PURPOSE_EN}",
        r"(solo|solamente|unicamente) (quiero |kiero )?(morirme|morir|desaparecer para siempre|dejar de existir)",
        r"(just|only) (want |wanna )?(to )?(die|be dead|stop existing|not exist)(?!\s+(laughing|of|for|to see))",
        r"(me encerre|estoy encerrad[oa]|me he encerrado) en el (coche|carro|auto|garaje) con (el motor (encendido|en marcha|prendido)|el gas)",
        r"(locked myself|i'm sitting|im sitting|sitting) in (the|my) (car|garage) with the engine (running|on)",
        r"(quiero|kiero|voy a|me voy a) (quitarme|quitar) de en medio",
        r"(get|getting|take|taking) (myself )?out of the way (for good|forever|permanently)",
        r"(pienso|pensando) (solo |todo el dia |todo el tiempo )?en (desaparecer y no volver|no volver nunca|no despertar)",
        r"(all i think about|i keep thinking about|i only think about) (is )?(disappearing|dying|not waking up|ending it) (and never coming back|for good|forever)?",
        r"(quiero|kiero) (saltar|tirarme)(?!\s+(en paracaidas|al agua|a la piscina|a la pileta|en bungee))",
        r"(want|wanna|going|gonna) (to )?jump(?!\s+(in|into the (pool|lake|sea)|on|at|rope|ship|start|the gun|for joy|out of bed|the (waves|queue|line|fence)|off the (high |low )?(diving )?board|off the (boat|pier|rocks) into|higher|over|around|ahead|through))",
        r"(que me dejen|dejadme|dejenme|dejarme) morir",
        r"(let me|just let me) die",
        r"(escopeta|pistola|arma|revolver) (de caza )?(preparada|cargada|lista) para (pegarme un tiro|matarme|dispararme|suicidarme)",
        r"pegarme un tiro",
        r"(shoot|shooting) myself",
        r"(the|my|a) (gun|shotgun|rifle|pistol) (is )?(ready|loaded) (to|so i can) (shoot myself|end it|kill myself)",
    ]),
    *_rules(SUICIDE, "concern", [
        r"no (le )?(veo|encuentro|tengo) (ninguna )?salida a (mi vida|esto|nada)",
        r"(can't|cant|cannot|don't|dont) see (a|any) way out",
        r"(estoy |me siento )?(hart[oa]|cansad[oa]) de (todo y de todos|todo|todos|la vida)",
        r"(i'm |im |i am )?(sick|tired) of (everything and everyone|everything|everyone|life)",
        r"(irme a dormir|dormir|dormirme) y olvidarme de todo",
        r"(go to sleep|sleep) and forget (about )?everything",
        r"(siento que |creo que )?sobro(\s+en|$|[.,!])",
        r"(i'm|im|i am|i feel like i'm|i feel like im) (just )?in (the|everyone's|everybody's) way",
        r"(i )?feel like (a|such a) (burden|nuisance) (to|for)",
        r"(me siento|soy) (un estorbo|una carga|un peso)",
    ]),
    *_rules(SUICIDE, "concern", [
        r"(dice|dijo|escribio|cuenta|conto|comenta) que (ya )?no quiere (seguir viviendo|vivir|seguir aqui|existir)",
        r"(says|said|told me|wrote|writes|texted) (that )?(he|she|they) (doesn't|does not|don't|didn't) want to (keep living|live|be alive|be here|exist)",
    ], person="third"),
    *_rules(SELF_HARM, "urgent", [
        r"me (clavo|clave|estoy clavando|he clavado) (las |unas |el |la |un |una )?(tijeras|cuchillo|navaja|aguja|agujas|compas|boligrafo|lapiz|cuchilla)",
        r"(stab|stabbing|stabbed) (my|myself in the) (leg|arm|thigh|hand|stomach|skin)",
        r"me (autolesione|autolesiono|estoy autolesionando|he autolesionado|lastimo a proposito|hago dano a proposito)",
        r"(me (e|he|ha|heh) (vuelto a )?cortar|me (e|he) cortado|me volvi a cortar|me vuelvo a cortar) (los brazos|las piernas|las munecas|el brazo|la pierna|otra (vez|ves))",
        r"(i )?(self harmed|self-harmed|harmed myself|hurt myself on purpose|cut myself again|cut again)",
        r"(quemarme|me quemo|me quemé|me queme|me voy a quemar) (con|el brazo con|la piel con) (el |un |una |la )?(encendedor|mechero|cigarro|cigarrillo|plancha)",
        r"(burn|burning|burned|burnt) (myself|my (arm|arms|skin|leg|legs|wrist|wrists)) (with )?(a |the |my )?(lighter|cigarette|iron)",
    ]),
    *_rules(SELF_HARM, "concern", [
        r"(se rasca|se araña|se arana|se corta|se pellizca|se golpea) (hasta (hacerse (heridas|sangre|dano)|sangrar))",
        r"(scratches|scratching|picks|picking|cuts|cutting) (herself|himself|themselves|her skin|his skin) (raw|until (she|he|they) bleeds?)",
    ], person="third"),
    *_rules(ABUSE, "urgent", [
        r"me (amenaza|amenazo|esta amenazando|ha amenazado) con (publicar|subir|ensenar|mandar|pasar|difundir) (mis|las) (fotos|videos|imagenes)",
        r"(threatens|threatened|is threatening|keeps threatening) to (post|share|send|leak|show) (my|the) (photos|pictures|pics|videos|nudes)",
        r"me (deja|dejan|dejaba) sin (comer|cenar|comida) ~4 (me encierra|me encierran|me pega|me pegan)",
        r"(leaves|leave|left) me without (food|dinner|eating) ~4 (locks|locked) me",
        r"me (encierra|encierran|encerraba|encerro) en (el|la|un|una) (sotano|cuarto|armario|bano|habitacion|garaje|trastero)",
        r"(locks|locked|lock) me in (the|a|my) (basement|cellar|room|cupboard|wardrobe|bathroom|garage|shed)",
    ]),
    *_rules(DOMESTIC_VIOLENCE, "urgent", [
        rf"{_PARTNER_ES} me (ha roto|rompio|ha partido|partio) (el brazo|la nariz|la mano|una costilla|las costillas|el labio|un diente|la cara)",
        rf"(my )?{_PARTNER_EN} (broke|has broken|fractured|split) my (arm|nose|hand|rib|ribs|jaw|lip|tooth|face)",
        rf"{_PARTNER_ES} me (ha echado|echo) de (casa|la casa) a (golpes|patadas|empujones)",
        rf"{_PARTNER_ES} me (tiene|mantiene) encerrad[oa]",
        rf"(my )?{_PARTNER_EN} (keeps|has|kept) me locked (in|up)",
        rf"{_PARTNER_ES} me (persigue|acosa|sigue) ~4 (amenazado de muerte|amenaza de muerte|amenaza con matarme|amenazo con matarme)",
        r"me (ha|han) amenazado de muerte",
        r"(threatened|has threatened|is threatening) (to kill me|my life)",
    ]),
    *_rules(DOMESTIC_VIOLENCE, "concern", [
        r"(la|lo|le) (controla|vigila|aisla) y (la|lo|le) (insulta|humilla|amenaza|grita)",
        r"(controls|controlling|watches) (her|him) and (insults|humiliates|threatens|belittles) (her|him)",
    ], person="third"),
    *_rules(HARM_TO_OTHERS, "urgent", [
        r"(i'm |im |i am )?(going|gonna) (to )?(hurt|harm|shake|smother|kill) (the|my) (baby|kid|kids|child|children|son|daughter)",
        r"(le |les )?(voy a|vo a) (hacer dano|hacerle dano|lastimar|sacudir|ahogar|matar) (al|a la|a mi|a los|a mis) (bebe|nene|nena|nino|nina|hijo|hija|ninos|hijos)",
        r"(i'm |im |i am )?(going|gonna) (to )?(shoot|stab|kill) (the )?(kids|people|students|pupils|teachers|everyone|everybody|them all|all of them)( in| at)?",
        r"(voy a|vo a) (disparar|dispararle|dispararles|apunalar|acuchillar|matar) (a )?(todos|los ninos|los de mi clase|la gente|mis companeros|los profes)",
        r"(i've|i have|ive) got a (knife|gun|blade|machete|bat) and (i'm|im|i am) (going|gonna) (after|for|to get)",
        r"(tengo|llevo) (un|una) (cuchillo|pistola|navaja|arma|machete|bate) y (voy|vo) (a por|a buscar|tras|a ir por)",
    ], person="other"),
    *_rules(HARM_TO_OTHERS, "concern", [
        r"(think|thought|thinking) about (hurting|harming|hitting|killing) (my|the|a|someone|him|her|them)",
        r"(pienso|pensando|pense) en (hacerle dano|hacer dano|pegarle|lastimar|matar) (a )?(mi|al|a la|alguien|el|ella)",
        r"(ha dicho|dijo|dice) que (va a|quiere) (pegarle|pegar|matar|hacerle dano|apunalar|disparar) (a )?(un|una|el|la|los|al|mi)",
        r"(has said|said|says) (that )?(he's|she's|he is|she is|they're|he was|she was) (going|gonna) (to )?(hit|hurt|stab|shoot|kill) (a|the|his|her|our)",
    ], person="third"),
    *_rules(ACUTE_DANGER, "urgent", [
        r"(se esta quemando|esta ardiendo|se quema|hay fuego en|hay un incendio en) (mi|la) (casa|piso|departamento|edificio) ~3 (estoy dentro|estoy adentro|estamos dentro|no puedo salir)",
        r"(my|the) (house|flat|apartment|building|home) is on fire",
        r"(un hombre|alguien|un tipo|un desconocido|un coche|una moto) me (esta siguiendo|sigue|persigue|viene siguiendo)",
        r"(a man|someone|somebody|a guy|a car|a stranger) (is|has been|keeps) (following|chasing) me",
        r"(esta|estan) (convulsionando|teniendo (una convulsion|convulsiones))",
        r"(is|are|he's|she's) (having|had) (a seizure|seizures|a fit)",
        r"(se ha caido|se cayo|esta en el suelo) y no (responde|reacciona|se mueve|contesta)",
        r"(fell|has fallen|collapsed|is on the floor) and (isn't|is not|won't|not) (responding|moving|answering|waking)",
    ]),
    *_rules(ACUTE_DANGER, "concern", [
        r"(me cuesta|no puedo) respirar y me duele el pecho",
        r"(struggling|can't|cant|hard) (to )?breathe? and (my chest hurts|chest pain)",
        r"(my )?chest (hurts|is tight) and i (can't|cant|am struggling to) breathe",
    ]),
]

# --- Sixth round of generalisation (after held-out v5): families, not sentences ------------------
# Farewells by timing ("if I don't reply tomorrow it's because I did it"), letters and wills with
# "going away", vehicles and trains as means, a gun in the mouth, "won't be a burden after tonight",
# head-banging and cutting "right now", intruders and being followed, grooming of a child the
# writer names; and, at concern, passive ideation ("don't see the point in living", "thinking
# about death"), a partner who shoves, an ex who stalks, shouting and name-calling at home.
_I_WILL_EN = r"(i'?m (going to|gonna) |im (going to|gonna) |i'?ll |i will |gonna |going to |want to |wanna |i'?m about to )"
_I_WILL_ES = r"(voy a |vo a |me voy a |quiero |pienso |estoy por |ya casi )"
_KIN_CHILD_EN = r"(sister|brother|daughter|son|niece|nephew|cousin|kid|child|friend|student|pupil)"
_KIN_CHILD_ES = r"(hermana|hermano|hija|hijo|sobrina|sobrino|prima|primo|nena|nene|alumna|alumno|amiga|amigo)"
RULES += [
    *_rules(SUICIDE, "urgent", [
        r"(if|when) (i )?(don'?t|dont|do not|haven'?t|havent) (reply|answer|respond|text back|show up|turn up|wake up|message)"
        r" ~4 (it'?s|its|it is|that'?s|thats) (because|cos|cause|coz|bc|cuz) (i (did it|went through with it|'m gone|am gone|m gone|killed myself)|im gone)",
        r"si (manana |esta noche |luego )?no (contesto|respondo|aparezco|doy senales|despierto|escribo) ~3 (es )?(porque|por que|xq|pq|q) (ya )?(lo hice|me fui|me mate|no estoy|me suicide)",
        r"(wrote|written|writing|left|leaving) ~2 (letters?|notes?) (to|for) (my|the) \w+ ~4 (why i (had|have|need|needed) to (go|leave|do it)(?!\s+(to|back|home|abroad|away (for|to)|and (live|work|study)))|goodbye|saying goodbye)",
        r"(deje|he dejado|escribi|he escrito|estoy escribiendo) ~2 (una )?cartas? (a|para) (mis|mi) \w+ ~5 (por que|porque|xq) (me voy|me tengo que ir|lo hago|lo hice)",
        r"(testamento|mis deudas|mis cuentas|mis papeles) ~9 (preparad[oa]|list[oa]) para (irme|partir|marcharme|morir|despedirme)",
        r"(will|affairs|debts|paperwork) (is |are )?(done|sorted|in order|paid) ~8 (ready to go|ready to die|ready to leave this world)",
        r"(ya )?(estoy|me siento) (preparad[oa]|list[oa]) para (irme|partir|morir|dejar este mundo)(?=\s*([.;!]|$)|\s+(ya|para siempre|de este mundo))",
        r"(i'?m|im|i am) ready to (die|leave this world|go for good|end it)",
        rf"{_I_WILL_EN}(drive|crash|steer|swerve|smash) (my car |the car |my bike |the bike )?(into|off|in front of) (a|the|an) (tree|wall|lorry|truck|bridge|cliff|oncoming|bus|train|motorway barrier)",
        rf"{_I_WILL_ES}(estrellar|estrellarme|chocar|estamparme|estampar|tirarme con) (el coche |el carro |el auto |la moto )?(contra|con) (un|una|el|la) (camion|arbol|muro|pared|tren|autobus|puente|barranco)",
        r"(platform|tracks|railway|rail line|station) ~6 (waiting|wait) (for|on) (the )?(fast|express|non-stopping|high-speed) (one|train)",
        r"(anden|vias|via del tren|estacion) ~6 (esperando|espero|a que pase) (el|al) (rapido|expreso|tren que no para|que no para|tren de alta velocidad)",
        r"(put|putting|have|got|held|holding) (the|a|my|his|dad'?s) (gun|pistol|barrel|rifle|shotgun) (in|into|to|against) my (mouth|head|temple)",
        r"(gun|pistol|barrel|rifle|shotgun) (is )?in my mouth",
        r"me (la|lo) (he puesto|puse|pongo|estoy poniendo) en (la boca|la sien|la cabeza)",
        r"(la escopeta|la pistola|el arma|el revolver|el canon) (en la boca|en la sien|contra la sien)",
        r"(won'?t|wont|will not|no longer) be a burden (to|for|on) (anyone|anybody|you|them|my family|nobody) ~3 (after|from) (tonight|today|tomorrow|this)",
        r"(no|ya no|nunca mas) (voy a|vo a|vas a|van a) (ser|tener) (una )?carga ~4 (despues de|a partir de|desde|tras) (esta noche|hoy|manana)",
    ]),
    *_rules(SELF_HARM, "urgent", [
        r"(cutting|cut|burning|hurting) (myself )?(rn|right now|now|atm|as we speak)(?!\s+(the|some|my hair|onions|vegetables|veggies|paper|wood))",
        r"(sharpener|pencil sharpener|razor|shaving) blade",
        r"cuchilla (de (un )?(sacapuntas|afeitar|maquinilla|cuter|cutter))",
        r"(hitting|banging|bashing|smashing|slamming) my head (against|on|into|off)",
        r"(i'?m |im |i )(hitting|banging|bashing|punching) (my head|myself)",
        r"(punched|punching|punch|hit|hitting) the wall (until|till|til) ~3 (bled|bleed|bleeding|split|broke)",
        r"me (golpee|golpeo|golpeaba|pegue|pego|doy|di|daba) (golpes |cabezazos |la cabeza )?(contra|en) (la|el) (pared|muro|suelo|puerta) (hasta|y me)",
        r"(golpee|golpeo|pegue|pego|di|doy) (punetazos|punetazo|golpes) (a|en|contra) la pared hasta",
    ]),
    *_rules(ABUSE, "urgent", [
        rf"(asking|asks|asked|keeps asking|pressuring|pressures) (my|our|a) (\d+|\d+-year-old|\w+-year-old|little|young|\d+ year old)? ?{_KIN_CHILD_EN} (for|to send) (naked|nude|sexy|dirty) (pictures|pics|photos|selfies|videos)",
        rf"(le )?(pide|pidio|esta pidiendo|sigue pidiendo|pidiendo) (fotos|videos|fotitos) (desnud[oa]s?|sin ropa|intimas|en ropa interior) (a )?(mi|nuestra|nuestro) ~2 {_KIN_CHILD_ES}",
    ]),
    *_rules(ACUTE_DANGER, "urgent", [
        r"(someone'?s|somebody'?s|someones|somebodys|a man'?s|a guy'?s|someone has|a man has|somebody has) (been )?(following|chasing|stalking) me(?!\s+(on|around on|across) (insta\w*|twitter|tiktok|social|x|youtube|twitch|snap\w*))",
        r"(intentando|tratando de|quiere|queriendo) (entrar|meterse|forzar) (por|en|a) (la|mi) (ventana|puerta|casa|piso|departamento)",
        r"(trying to|tries to|is trying to) (get|break|force (his|their|her) way|climb) in(to)? (through )?(the|my) (window|door|house|flat|home|room)",
    ]),
    *_rules(SUICIDE, "concern", [
        r"(don'?t|dont|do not|can'?t|cant) see (the|any) point (in|of) (living|life|being alive|going on|being here)",
        r"(dunno|don'?t know|dont know|no idea) why (i'?m|im|i am) (still )?(here|alive|around|living)",
        r"no (se|sabo) (pa|para|por) (que|q|k) (sigo|estoy|vivo)( (aca|aqui|vivo|viva|viviendo|en este mundo|respirando|luchando)|(?=\s*([.,;!?]|$|la verdad|ya)))",
        r"(pienso|pensando|pense|think|thinking|thought) (mucho |a lot |so much |all the time |todo el tiempo )?(en|about) (la muerte|death|dying)( a lot| mucho)?",
    ]),
    *_rules(DOMESTIC_VIOLENCE, "concern", [
        r"(my )?ex (keeps|has been|is) (texting|calling|messaging|following|watching) me ~8 (waits|waiting|outside|different numbers|turns up|shows up)",
        r"mi ex (me )?(sigue|no para de|no deja de) (escribiendo|escribir|llamando|llamar|siguiendo|seguir) ~8 (me espera|esperando|afuera|fuera|numeros distintos|otros numeros|aparece)",
    ]),
    *_rules(DOMESTIC_VIOLENCE, "concern", [
        r"(her|his|their) (partner|boyfriend|husband|girlfriend|wife) (shoves|pushes|hits|slaps|grabs|chokes) (her|him|them)",
        r"(su|la) (pareja|novio|marido|esposo|novia|esposa) (la|lo|le) (empuja|golpea|pega|abofetea|zarandea|agarra del cuello)",
    ], person="third"),
    *_rules(ABUSE, "concern", [
        r"(shout|shouts|yell|yells|scream|screams) at me and (call|calls) me (useless|stupid|worthless|an idiot|a waste|names|fat|ugly)",
        r"me (gritan|grita|insultan|insulta) y me (llaman|llama|dicen|dice) (inutil|estupid[oa]|tont[oa]|idiota|basura|gord[oa]|fe[oa])",
    ]),
    *_rules(ABUSE, "concern", [
        r"(le|les) pegan ~6 (moretones|moratones|morados|marcas|golpes)",
        r"(le|les) pegan(?=\s*([.,;!]|$))",
        r"(always|often|keeps) (has|having|turning up with|comes in with) (bruises|marks)",
    ], person="third"),
]

# Decisions with a time, lethal-dose questions, someone else's overdose, loaded guns, threats to
# kill "if I leave", strangling now, being followed or locked in (sixth round, continued).
_WHEN_ES = r"(hoy|esta noche|manana|el (lunes|martes|miercoles|jueves|viernes|sabado|domingo)|este finde|este fin de semana)"
_WHEN_EN = r"(today|tonight|tomorrow|this weekend|on (monday|tuesday|wednesday|thursday|friday|saturday|sunday)|this (monday|tuesday|wednesday|thursday|friday|saturday|sunday))"
_PILLS_EN = r"(pills|tablets|meds|paracetamol|painkillers|sleeping pills|antidepressants|insulin|ibuprofen)"
_PILLS_ES = r"(pastillas|pastis|pildoras|medicinas|paracetamol|calmantes|somniferos|antidepresivos|insulina|ibuprofeno)"
RULES += [
    *_rules(SUICIDE, "urgent", [
        rf"(ya )?(decidi|he decidido|lo decidi|lo tengo decidido|me decidi) ~4 (acabar con (esto|todo|mi vida)|terminar con (esto|todo|mi vida)|matarme|quitarme la vida|{_WHEN_ES} (lo hago|me mato|se acaba))",
        rf"(ya )?(tengo|lo tengo) (todo )?(planeado|pensado|decidido)[:,.]? ~3 ({_WHEN_ES}[:,]? ~2 (lo hago|lo voy a hacer|me mato|me voy|acabo con todo|se acaba todo|lo termino)|cuando (se vayan|se vaya|no haya nadie|este sol[oa]))",
        r"(esta noche|hoy|manana) (se (termina|acaba) todo|lo hago|me mato|acabo con todo|termino con todo)(?!\\s*:)",
        rf"(i'?ve|i have|ive) (decided|made up my mind) ~4 (to (end it|do it|kill myself|go through with it)|{_WHEN_EN})",
        rf"(i'?ve|i have|ive) (got )?(it all|everything) (planned|worked out|sorted)[:,.]? ~3 ({_WHEN_EN}[:,]? ~2 (i do it|i'?m doing it|i'?ll do it|i go|it ends)|when (they'?re|everyone'?s|nobody'?s|they are) (out|gone|asleep|away))",
        rf"(it all|everything|it) ends {_WHEN_EN}",
        r"(desaparecer|morir|morirme|acabar con todo|matarme|no despertar|no volver|irme)[^.;!?]{0,70}? (ya )?(se|tengo pensado|tengo claro) como (hacerlo|lo voy a hacer)",
        r"(die|end it|disappear|kill myself|be gone|not wake up|go)[^.;!?]{0,70}? (i )?(already )?know (exactly )?how (i'?m going to|im going to|i'?m gonna|im gonna|i'?ll|i will|to) do it",
        r"(gonna |going to |want to |wanna |i'?ll |i will )?top (myself|meself)",
        r"this is (my )?goodbye(?!\s+(to|for) (summer|the|this|our|my|winter|london|school))",
        r"(esta es|esto es) (mi|una) despedida(?!\s+de (soltera|soltero|la|el|fin|curso|verano))",
        rf"how (many|much) ({_PILLS_EN} )?(of (those|these|them|my \\w+) )?(would it take|does it take|do you need|would i need|to take) (to )?(die|not wake up|never wake up|kill (myself|me|someone|a person|you)|overdose|be fatal|od)",
        rf"cuant[oa]s ({_PILLS_ES}( de \w+)? )?(hacen falta|necesito|necesitaria|tendria que tomar|hay que tomar|tengo que tomar) (para|pa) (no despertar|morir|morirme|matarme|una sobredosis|no despertarme)",
        r"(i'?ve|i have|i) (loaded|cleaned and loaded) ~3 (shotgun|gun|rifle|pistol|revolver) ~3 (and i'?m|and im|and i am) (sitting|alone|holding|waiting)",
        r"(he cargado|cargue) ~3 (escopeta|pistola|rifle|revolver|arma) ~3 y (estoy|me he|me voy|me encerre|me sente|me he sentado)",
    ]),
    *_rules(ACUTE_DANGER, "urgent", [
        rf"(took|taken|has taken|swallowed|has swallowed|downed) (a load of|loads of|a lot of|a bunch of|a handful of|a bottle of|a box of|all (his|her|their|the|my)|a whole (bottle|box|packet) of|like \d+) {_PILLS_EN}",
        rf"se (tomo|ha tomado|trago|ha tragado|metio) (un monton de|muchas|todas (las|sus)|un punado de|una caja (entera )?de|un bote (entero )?de|un frasco (entero )?de|como \d+) {_PILLS_ES}",
        r"(can'?t|cant|cannot) wake (him|her|them|my \w+) up(?!\s+(in the morning|for school|for work|on time|early|before))",
        r"no (lo|la|le) (puedo|podemos|consigo|conseguimos) despertar(?!\s+(para|a tiempo|temprano|por la manana|por las mananas|nunca))",
        r"(me )?(estan|esta|vienen|viene) (siguiendo|persiguiendo)(?!\s+(en|por) (insta\w*|twitter|tiktok|las redes|redes|x|youtube|twitch))(?=.{0,40}(desde|hasta|calle|metro|casa|ayuda|no se (que|q) hacer|miedo|$))",
        r"(someone|somebody|a man|a guy|they|some guy|a car) (is|are|'s|'re|has been|have been|keeps) (following|chasing) me(?!\s+(on|around on|across) (insta\w*|twitter|tiktok|social|x|youtube|twitch|snap\w*))",
    ]),
    *_rules(DOMESTIC_VIOLENCE, "urgent", [
        r"(he|she|they)( said| says| told me)? (he'?ll|he will|she'?ll|she will|they'?ll|they will|is going to|'s going to|would) kill me if i (leave|go|tell|report|call the police|break up|try to leave|talk)",
        r"me (va a matar|mata|matara|mataria|matará) si (lo dejo|la dejo|le dejo|me voy|me separo|se lo cuento|lo cuento|llamo a la policia|lo denuncio|la denuncio|hablo|intento irme)",
        rf"{_PARTNER_ES} me (esta|estaba|sigue) (ahorcando|estrangulando|asfixiando|pegando|golpeando|pateando)",
        rf"(my )?{_PARTNER_EN} (is|was|keeps) (strangling|choking|hitting|beating|kicking) me",
    ]),
    *_rules(ABUSE, "urgent", [
        r"me (encerraron|han encerrado|encerro|tienen encerrad[oa]|encierran) ~6 no me (dejan|deja|dejaron|dejo) salir",
        r"(locked|have locked|has locked|keep|keeps) me (in|up) ~6 (won'?t|wont|will not|don'?t|dont) let me (out|leave)",
    ]),
    *_rules(HARM_TO_OTHERS, "urgent", [
        r"(cuchillo|navaja|pistola|arma|machete|bate) ~8 (para|pa) (apunalar\w*|matar(lo|la|los|las|le)|disparar(le|les)|rajar(lo|la)|acuchillar\w*|pegarle un tiro)",
        r"(knife|gun|blade|machete|bat) ~8 (to|so i can) (stab|shoot|kill|cut) (him|her|them|that \w+)",
        r"(waiting for|wait for) (him|her|them) ~4 with (a|my) (knife|gun|blade|machete|bat)",
    ], person="other"),
]

# Sixth round, after the self-check was measured: last messages, "won't be around" after giving
# things away, nothing being worth it, children hit with a belt (families of the self-check misses).
RULES += [
    *_rules(SUICIDE, "urgent", [
        r"(last|final) (msg|message|text|time) (you'?ll|u'?ll|you will|u will|you'?re going to|anyone will|you guys will) (get|hear|see|receive|read)( from me| me)?(?!\s+(from me\s+|me\s+)?(in|with|wearing|at|on|playing|before|until|till|this|for a while|today|tonight|for now|for today|this (week|weekend|year)|til|in a while))",
        r"(la )?(ultima vez|ultimo mensaje) (que|q|k) (me (ven|veis|ves|vais a ver|vas a ver|van a ver|vas a leer)|(recibes|recibis|vas a recibir|van a recibir|leeis|lees) (de mi|mio))(?!\s+(con|en|asi|vestid\w*|jugando|antes|hasta|por un tiempo))",
        r"(gave|given|giving|handed|left) ~6 (because|since|as|cos|cause|coz) i (won'?t|wont|will not) be (around|here|alive) (to|for|any ?more|much longer)",
        r"(regale|he regalado|di|he dado|deje|he dejado|reparti) ~6 (porque|xq|pq|ya que|como) (ya )?no (voy a estar|estare|voy a seguir)( (aqui|aca|viv[oa]|para (cuidarlo|cuidarla|cuidarlos)))?(?=\s*([.,;!]|$|para))",
    ]),
    *_rules(SUICIDE, "concern", [
        r"nothing (feels|is|seems) worth (it|living for|doing)( any ?more)?(?!\s+(in|on|at|compared|except|but|unless))",
        r"(ya )?nada (vale|merece) la pena( ya)?(?=\s*([.,;!]|$|la verdad|ya|en mi vida))",
    ]),
    *_rules(ABUSE, "concern", [
        r"(get|gets|getting|got) (hit|beaten|slapped|whipped|smacked) with (a|the) (belt|stick|cane|wooden spoon|slipper|cable) (at home|by)",
        r"(le|les) (pegan|pega|dan|da) con (el|la) (cinturon|correa|chancla|palo|cable|cuchara de palo)",
    ], person="third"),
]

# Means and plans in more words: counts of pills swallowed, taking all of them, stockpiling,
# poison "I'll drink", goodbye letters, "better off when I'm gone", a knife "and stab him".
_NUMBER = r"(\d+|ten|twenty|thirty|forty|fifty|a dozen|dozens of|loads of|a lot of|diez|veinte|treinta|cuarenta|cincuenta|un monton de|muchas)"
RULES += [
    *_rules(ACUTE_DANGER, "urgent", [
        rf"(i )?(took|swallowed|have taken|'ve taken|ve taken|downed|necked) (about |around |like |nearly |over |at least |maybe )?{_NUMBER} (of (my|her|his|the) )?{_PILLS_EN}",
        rf"me (tome|he tomado|trague|he tragado|meti) (unas |unos |como |mas de |casi |al menos )?{_NUMBER} {_PILLS_ES}",
    ]),
    *_rules(SUICIDE, "urgent", [
        rf"{_I_WILL_EN}(take|swallow|down|neck) (all|every one of|the whole (bottle|box|packet|pack) of) (of )?(my |the |her |his )?(sleeping )?{_PILLS_EN}(?!\s+(with me|on holiday|to|back|away|for (the|my) trip))",
        rf"(stockpiling|hoarding|been saving up|saving up|stashing|stashed|been hoarding|been stockpiling) (up )?(my |her |his |the |some )?(sleeping )?{_PILLS_EN}",
        rf"(junte|he juntado|juntando|acumule|he acumulado|acumulando|guarde|he guardado|guardando|escondiendo|escondi) ~2 {_PILLS_ES} ~5 (pa|para|y) (tomarmelas|tragarmelas|tomarlas|tragarlas)( todas)?",
        r"(veneno|lejia|matarratas|raticida|insecticida) ~6 (me lo|me la) (voy a|pienso|quiero|vo a) (tomar|beber)",
        r"(poison|bleach|rat poison|weedkiller|antifreeze) ~6 (i'?m going to|im going to|i'?m gonna|im gonna|gonna|i'?ll|i will) (drink|take|swallow) (it|some|the lot|all of it)",
        r"(escribi|he escrito|ya escribi|dejo|deje|he dejado|estoy escribiendo) (las |mis |una |la |unas )?cartas? de despedida(?![^.;!?]{0,60}(jubil|trabaj|empresa|companer|colega|equipo|alumn|clase|oficina|curso|mudanza|me mudo|colegio|jefe|jefa|grupo))",
        r"(wrote|written|writing|left|leaving) (my |a |the |some )?(goodbye|farewell|suicide) (note|letter)s?(?![^.;!?]{0,60}(team|colleague|class|job|office|last day|retire|moving|new school|boss|work|pupils|students))",
        r"(note|letter|notes|letters|pills|rope|plan)[^.;!?]{0,60}? i (already )?know (exactly )?how (i'?m going to|im going to|i'?m gonna|im gonna|i'?ll|i will) do it",
        r"cuando (yo )?no (este|exista|estemos) ~3 (van a|vais a|todos van a|estaran|estarian|viviran)( estar| vivir)? mejor",
        r"(when|once) i'?m (gone|not here|not around|dead)(?!\s+(on|for|to|away|abroad|at|in))[,]? ~3 (they'?ll|they will|everyone will|everyone'?ll|you'?ll|you will|they'?d) be (better|happier)( off)?",
    ]),
    *_rules(HARM_TO_OTHERS, "urgent", [
        r"(knife|gun|blade|machete|bat) ~9 (and )?(stab|shoot|kill) (him|her|them)",
        r"(cuchillo|navaja|pistola|arma|machete) ~9 (y )?(apunalarlo|apunalarla|matarlo|matarla|rajarlo|rajarla|pegarle un tiro|dispararle)",
    ], person="other"),
]

# Wishes asked as questions, a whole bottle or box taken, "you'll find me dead".
RULES += [
    *_rules(SUICIDE, "urgent", [
        r"(por que|porque|pq|xq|x q|por q) no me (muero|mato) (de una vez|ya|y ya|de una)",
        r"why (don'?t|dont|can'?t|cant) i (just )?die( already)?(?!\s+(laughing|of|from))",
        r"(you'?ll|you will|u'?ll|ur gonna|you'?re gonna|you'?re going to|they'?ll|they'?re gonna|they will|someone will|someone'?ll) find me dead(?!\s+(tired|on my feet|beat|asleep|drunk|bored))",
        r"me (van|vas|vais|va) a encontrar muert[oa]",
    ]),
    *_rules(ACUTE_DANGER, "urgent", [
        r"me (tome|he tomado|trague|he tragado|meti) (todo|toda|todas|todos) (el|la|las|los|mis) (frasco|bote|caja|blister|tableta|pastillas|pastis|pildoras)(?!\s+de (galletas|bombones|chocolate\w*|cereales|pizza|helado|dulces|caramelos|patatas|papas|leche|zumo|jugo|agua|vino|cerveza|turron|mantecados|chuches|gominolas))",
        r"(took|swallowed|downed|necked|have taken|'ve taken|ve taken) (the whole|a whole|an entire|all the|the entire) (bottle|box|packet|pack|strip|blister|tub)( of)?(?!\s+(of )?(sweets|crisps|chocolates?|biscuits|cookies|wine|water|juice|beer|cereal))",
    ]),
]

# --- Eighth round (after the first independent set): families of present danger -------------------
# Someone on a ledge "saying they'll jump"; a child who swallowed medicine, a battery or a cleaning
# product; a carbon-monoxide or gas alarm with someone collapsed; blue lips, a drooping face, a
# throat closing, chest pain into the arm or jaw; shooting outside; sextortion ("he'll send my
# pictures unless..."); someone shut in with a blade. Each family is written once per language.
_LEDGE_EN = r"(balcony|ledge|roof|rooftop|bridge|edge|railing|window ?sill|tracks|cliff|overpass|top floor|car park roof)"
_LEDGE_ES = r"(balcon|cornisa|azotea|techo|tejado|puente|borde|baranda|barandilla|vias|acantilado|ventana|ultimo piso|terraza)"
_YOUNG_EN = r"(toddler|baby|\d+ ?(year|yr|month|mo)s?[- ]old|\d+yo|little (boy|girl|one)|son|daughter|kid|child)"
_YOUNG_ES = r"(bebe|nene|nena|hij[oa]|nin[oa]|peque|chiquit[oa]|\w+ de \d+ (anos|meses))"
_SWALLOWED_EN = r"(pills|tablets|meds|medicine|paracetamol|iron tablets|button batter(y|ies)|batter(y|ies)|magnets?|bleach|detergent|dishwasher (liquid|tablet|pod)|washing (pod|tablet)s?|drain cleaner|lamp oil|methadone|antifreeze|weedkiller)"
_SWALLOWED_ES = r"(pastillas|pildoras|medicamentos|remedios|paracetamol|pilas?( de boton)?|imanes|iman|cloro|lejia|lavandina|detergente|destapacanos|desatascador|aceite de (la )?lampara|metadona|anticongelante|veneno)"
RULES += [
    *_rules(SUICIDE, "urgent", [
        rf"(is|'s|s) (standing |sitting |up )?(on|at) (the|a|her|his|their) {_LEDGE_EN} ~8 (saying|says|threatening|screaming|crying|shouting) ~4 (jump|let go|end it|kill (her|him)self|die)",
        rf"(esta|estan|se subio|se sento) (parad[oa] |sentad[oa] )?(en|sobre|arriba de) (el|la|los|las|un|una) {_LEDGE_ES} ~8 (diciendo|dice|amenazando|gritando|llorando) ~4 (saltar|tirarse|tirar|matarse|soltarse|morir)",
        r"(sent|texted|messaged|left) (me )?(a )?(voice ?note|message|text|voicemail)? ?~3 (saying )?goodbye ~8 (not (picking up|answering)|phone'?s (off|dead)|won'?t answer|isn'?t answering|gone|missing|taken (them|it) all)",
        r"(me )?(mando|dejo|envio|escribio) (un )?(audio|mensaje|whatsapp)? ?~3 (de )?despedida ~8 (no (contesta|atiende|responde)|apagado|se fue|se llevo|se tomo)",
    ], person="third"),
    *_rules(ACUTE_DANGER, "urgent", [
        rf"(my )?{_YOUNG_EN} ~4 (swallowed|has swallowed|drank|ate|got into|put) ~9 {_SWALLOWED_EN}",
        # No word-skipping "~" here: "no sé cuántas pastillas" must not read as a negation.
        rf"(mi )?{_YOUNG_ES}( \w+){{0,4}} se (trago|tomo|comio|bebio|metio en la boca|ha tragado|ha tomado|ha bebido)[^.;!?]{{0,50}}? {_SWALLOWED_ES}",
        r"(carbon monoxide|co|gas|smoke) (alarm|detector) ~8 (collapsed|passed out|unconscious|won'?t wake|wont wake|can'?t wake|not waking|slumped|unresponsive|won'?t answer|headaches?)",
        r"(alarma|detector) de (monoxido|co|gas|humo) ~8 (desmay\w+|inconsciente|no (se )?despierta\w*|no reacciona|tirad[oa]|no (me )?contesta|dolor de cabeza)",
        r"(lips|face) (are |is |have |has |went |turned |gone |going |turning )*(blue|purple|grey|gray)",
        r"(labios|cara) (se (le )?(pusieron|puso|estan poniendo|esta poniendo) |estan |esta |tiene |tienen )?(morad[oa]s|azules|grises)",
        r"(face|mouth) (is )?(drooping|droops|dropped|has dropped)",
        r"(se le|se me) (cae|cayo) (la cara|la boca|la mitad de la cara)",
        r"(throat|tongue) (is )?(closing|swelling|closing up|swelling up)",
        r"(se me|se le) (esta )?(cierra|cerrando|hincha|hinchando) la (garganta|lengua)",
        r"(chest pain|pain in my chest|chest is crushing|crushing (pain|chest)) ~8 (left arm|my arm|down my arm|jaw)",
        r"(dolor|me duele|aplasta) ~4 (el )?pecho ~8 (brazo izquierdo|el brazo|la mandibula|mandibula)",
        r"(shooting|shots|gunshots|gunfire|gunman|shooter) ~5 (on|in|outside|at|near) (our|my|the) (street|road|school|building|house|block|office|estate)",
        r"(estan disparando|disparos|balazos|balacera|tiroteo) ~5 (en|afuera de|fuera de|frente a|cerca de) (la|mi|nuestra|el) (calle|cuadra|escuela|colegio|edificio|casa|barrio|oficina)",
        r"(isn'?t|isnt|stopped|hasn'?t been) breathing(?!\s+(\w+ )?(through|properly|well|right))",
        r"(no|ya no|dejo de|deja de) (respira|respirar|reacciona)(?!\s+(\w+ )?(bien|por la nariz))",
    ]),
    *_rules(ABUSE, "urgent", [
        r"(send|post|share|leak|show|spread) ~4 (my|the|her|his) (nudes|naked \w+|pics|pictures|photos|videos?|video) ~6 (unless|if i (don'?t|dont|do not|won'?t)|if (she|he) (doesn'?t|does not|won'?t))",
        r"(mandar|publicar|pasar|enviar|subir|mostrar|difundir|manda|publica|pasa|envia|sube) ~4 (mis|las|sus|el|los) (fotos|videos?|nudes|fotitos|pics) ~6 (si no|a menos que)",
        # Without "~": "pics with no clothes" must not read as a negation.
        r"(pics|photos|pictures|nudes|videos?|naked|nude)[^.;!?]{0,80}? (send|post|share|leak|show) (\w+ ){0,3}(to|on|with) (my|her|his|everyone|all) (\w+ ){0,4}(unless|if i (don'?t|dont|do not|won'?t))",
        r"(fotos|videos?|nudes|fotitos|pics|pack|desnud[oa])[^.;!?]{0,80}? (mandar|publicar|pasar|enviar|subir|mostrar|manda|publica|pasa|envia|sube) (\w+ ){0,3}(a|en) (mis|todos|toda|mi) (\w+ ){0,4}(si no|a menos que)",
    ]),
    *_rules(SELF_HARM, "urgent", [
        r"(locked|shut) (her|him|them)sel(f|ves) in ~5 with (a|the|his|her) (razor|blade|knife|knives|pills)",
        r"se (encerro|ha encerrado|metio) ~5 con (una|un|la|el|las|unas) (navaja|cuchilla|cuchillo|pastillas|hoja de afeitar|tijera)",
    ], person="third"),
]
