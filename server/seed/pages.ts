/** One demo page: what the seed saves, plus an optional "à améliorer" flag. */
export interface DemoPage {
  slug: string;
  title: string;
  kind: string;
  categories: string[];
  markdown: string;
  /** When set, the page is flagged "à améliorer" with this reason. */
  needsWork?: string;
}

/**
 * French demo pages: the practice wiki of a regional network of tiers-lieux. They link to each
 * other, a few links point at pages nobody has written yet ("pages à créer"), one page is flagged
 * "à améliorer" and one is a short orphan stub, so every special list has something to show.
 */
export const DEMO_PAGES: DemoPage[] = [
  {
    slug: 'accueil',
    title: 'Accueil',
    kind: 'guide',
    categories: ['Guides'],
    markdown: `# Bienvenue sur le wiki des tiers-lieux

Ce wiki rassemble les pratiques des tiers-lieux du réseau : cafés associatifs, fablabs, coworkings
ruraux, recycleries, jardins partagés et tous les lieux hybrides qui se reconnaissent dans cette
aventure collective. Chacun peut y lire, et chaque membre peut y écrire : une page n'appartient à
personne, elle s'améliore au fil des contributions.

## Par où commencer ?

Si vous montez un projet, commencez par les fondamentaux :

- [[Gouvernance partagée]] : qui décide quoi, et comment ;
- [[Modèle économique d'un tiers-lieu]] : d'où vient l'argent, où il va ;
- [[Convention d'occupation avec une mairie]] : sécuriser l'accès au bâtiment ;
- [[Adhésions et cotisations]] : le lien entre le lieu et ses membres.

Si votre lieu est déjà ouvert, ces pages vous aideront à le faire vivre :

- [[Accueillir des bénévoles]] et [[Animer une communauté]] ;
- [[Ouvrir un fablab]] ou un atelier partagé ;
- [[Tiers-lieux nourriciers]] : cuisine, jardins, circuits courts ;
- [[Comptabilité associative]] et [[Évaluer son utilité sociale]].

## Contribuer

Avant d'écrire, lisez [[Documenter ses pratiques]] : on y explique comment rédiger une fiche utile,
comment faire un lien vers une autre page avec des doubles crochets, et comment classer une page
dans une catégorie. Une page manque ? Un lien rouge vous invite à la créer : la liste des
**pages à créer** montre celles que le réseau attend le plus.

| Je veux… | Je vais… |
|---|---|
| trouver une personne ressource | dans l'annuaire des personnes |
| trouver un outil, un modèle de document | dans le registre des communs |
| poser mon problème en quelques phrases | à la gare d'aiguillage |
| partager ce qui marche chez nous | ici, dans le wiki |

Bonne lecture, et n'hésitez pas à corriger ce qui vous semble faux : c'est comme ça qu'un commun
reste vivant.
`,
  },
  {
    slug: 'gouvernance-partagee',
    title: 'Gouvernance partagée',
    kind: 'practice',
    categories: ['Gouvernance'],
    markdown: `# Gouvernance partagée

Un tiers-lieu réunit des personnes aux intérêts différents : salariés, bénévoles, usagers,
collectivité, entreprises hébergées. La gouvernance partagée consiste à donner à chacun une place
claire dans les décisions, sans tomber dans la réunion permanente.

## Les instances

La plupart des lieux du réseau fonctionnent avec trois niveaux :

| Instance | Qui | Rythme | Décide de |
|---|---|---|---|
| Assemblée générale | tous les membres à jour de cotisation | une fois par an | orientations, budget, élection du collège |
| Collège solidaire | 5 à 9 personnes élues, sans président | une fois par mois | programmation, embauches, partenariats |
| Cercles de travail | volontaires | selon les besoins | tout ce qui relève de leur mandat |

Le passage à une direction collégiale suppose de réécrire les statuts. Pour une structure qui
associe plusieurs catégories d'associés, voir [[Statuts d'une SCIC]].

## Décider par consentement

Le consentement n'est pas l'unanimité : une proposition est adoptée quand personne n'a
d'objection argumentée, c'est-à-dire quand personne ne pense qu'elle nuirait au projet. Le
déroulé tient en quatre tours :

1. présentation de la proposition par son porteur ;
2. questions de clarification, sans débat ;
3. réactions de chacun, en un tour de parole ;
4. recherche d'objections, puis bonification de la proposition si besoin.

Comptez vingt minutes par décision importante. Les petites décisions restent dans les cercles :
c'est le principe de subsidiarité.

## Pièges fréquents

- **Tout remonter au collège** : déléguez par écrit, avec un mandat et une durée.
- **Oublier les usagers** : un siège réservé aux usagers au collège, renouvelé chaque année, change
  la nature des débats.
- **Confondre gouvernance et animation** : voir [[Animer une communauté]].

La participation aux instances est liée à l'adhésion : voir [[Adhésions et cotisations]].

[[Catégorie:Gouvernance]]
`,
  },
  {
    slug: 'modele-economique-d-un-tiers-lieu',
    title: "Modèle économique d'un tiers-lieu",
    kind: 'practice',
    categories: ['Économie'],
    markdown: `# Modèle économique d'un tiers-lieu

Un tiers-lieu vit rarement d'une seule ressource. Les lieux qui durent combinent des recettes
d'activité, des contributions de leurs membres et des financements publics, en veillant à ce
qu'aucune source ne dépasse la moitié du budget.

## Répartition observée dans le réseau

Moyenne de quinze lieux du réseau, budgets de 80 000 à 400 000 € :

| Source | Part du budget | Remarques |
|---|---:|---|
| Location d'espaces (coworking, salles, bureaux) | 35 % | la recette la plus stable |
| Buvette, restauration | 15 % | forte marge brute, mais beaucoup de temps bénévole |
| Prestations et formations | 15 % | dépend de deux ou trois personnes |
| Subventions de fonctionnement | 20 % | souvent pluriannuelles avec une convention |
| Adhésions et dons | 5 % | faible, mais signe d'appartenance |
| Aides à l'emploi | 10 % | à anticiper : elles s'arrêtent |

Les subventions d'investissement ne figurent pas ici : voir [[Subventions et appels à projets]].

## Trois principes

**Payer le loyer avec l'activité.** Le coût du bâtiment doit être couvert par les recettes
d'activité : une subvention finance un projet, rarement un loyer. Quand la commune met le bâtiment
à disposition, la [[Convention d'occupation avec une mairie]] doit valoriser cette aide en nature.

**Rémunérer la coordination.** Un lieu ouvert plus de trente heures par semaine a besoin d'au
moins un poste de coordination. Le financer par des prestations est un piège classique : la
personne coordonne moins qu'elle ne vend.

**Suivre la trésorerie chaque mois.** Les subventions arrivent tard, parfois un an après la
dépense. Un plan de trésorerie sur douze mois glissants évite les mauvaises surprises ; voir
[[Comptabilité associative]].

## Pour aller plus loin

- Les tarifs d'adhésion : [[Adhésions et cotisations]]
- La valeur créée au-delà de l'argent : [[Évaluer son utilité sociale]]
- Une forme juridique adaptée aux recettes commerciales : [[Statuts d'une SCIC]]
`,
  },
  {
    slug: 'accueillir-des-benevoles',
    title: 'Accueillir des bénévoles',
    kind: 'practice',
    categories: ['Communauté'],
    markdown: `# Accueillir des bénévoles

Les bénévoles font vivre la plupart des tiers-lieux : ils tiennent la buvette, animent les ateliers,
réparent les vélos, accueillent le public. Un bon accueil conditionne leur engagement dans la
durée : un bénévole qui ne sait pas quoi faire lors de sa première venue revient rarement.

## Avant la première venue

Un échange de vingt minutes suffit pour comprendre ce que la personne cherche : rencontrer du
monde, apprendre un savoir-faire, se rendre utile, préparer une reconversion. Notez ses
disponibilités et ses envies, sans lui proposer tout de suite une mission.

## Le jour J : liste d'accueil

- [x] présenter le lieu, son histoire et ses règles de vie
- [x] faire visiter, y compris les coulisses (réserve, local technique, poubelles)
- [x] remettre les clés ou le code d'accès s'il y a lieu
- [ ] présenter un binôme, bénévole expérimenté, pour les trois premières fois
- [ ] inscrire la personne à la liste de discussion et au planning
- [ ] faire signer la [[Charte des bénévoles]]

## Missions et reconnaissance

Proposez des missions courtes et bornées (« tenir la buvette le jeudi soir pendant un mois »)
plutôt qu'un engagement flou. Affichez le planning. Remerciez publiquement, et fêtez les
anniversaires d'engagement : un an de bénévolat mérite un moment convivial.

Pensez aussi à la protection : l'assurance du lieu couvre-t-elle les bénévoles ? Les activités à
risque (machines de l'atelier, cuisine) demandent une formation préalable ; voir
[[Ouvrir un fablab]].

## Quand ça se passe mal

Un conflit entre bénévoles se règle tôt, en tête-à-tête, avec une personne tierce si besoin. Les
règles de vie écrites servent justement à ce moment-là : on se réfère au texte plutôt qu'aux
personnes. Voir aussi [[Animer une communauté]] et [[Gouvernance partagée]].
`,
  },
  {
    slug: 'animer-une-communaute',
    title: 'Animer une communauté',
    kind: 'practice',
    categories: ['Communauté'],
    markdown: `# Animer une communauté

Une communauté ne se décrète pas : elle se forme autour d'activités régulières, de rituels et de
personnes qui prennent soin des liens. L'animation est un métier, souvent assuré par la
coordination du lieu, mais elle gagne à être partagée.

## Les rituels qui marchent

- **Le repas partagé mensuel** : chacun apporte un plat, les nouveaux sont présentés.
- **Le café du lundi** : quinze minutes debout pour dire ce que chacun fera de sa semaine.
- **La journée chantier** : deux fois par an, on repeint, on range, on répare ensemble.
- **La gazette** : une lettre courte, toutes les deux semaines, avec trois nouvelles et un portrait.

La régularité compte plus que l'ambition : un rituel modeste tenu pendant deux ans crée plus de
liens qu'un grand événement annuel.

## Les cercles d'engagement

On distingue souvent trois cercles : le cœur (les personnes qui portent le projet), les
contributeurs réguliers, et les usagers occasionnels. L'animation consiste à rendre les passages
d'un cercle à l'autre faciles et visibles, dans les deux sens : on doit pouvoir s'impliquer, puis
prendre du recul sans culpabiliser.

## Outils

| Besoin | Outil simple | Point d'attention |
|---|---|---|
| annoncer | une liste de diffusion | une seule, pas cinq |
| discuter | un salon de discussion | des canaux par thème, peu nombreux |
| s'organiser | un tableau des tâches | quelqu'un doit le tenir à jour |
| garder la mémoire | ce wiki | voir [[Documenter ses pratiques]] |

Pour l'arrivée de nouvelles personnes, voir [[Accueillir des bénévoles]]. Pour les décisions
collectives, voir [[Gouvernance partagée]].
`,
  },
  {
    slug: 'ouvrir-un-fablab',
    title: 'Ouvrir un fablab',
    kind: 'practice',
    categories: ['Lieux et équipements'],
    markdown: `# Ouvrir un fablab

Un fablab (atelier de fabrication numérique) met des machines à la disposition du public et
favorise le partage des savoir-faire. Dans un tiers-lieu, il attire des publics variés : écoliers,
artisans, retraités bricoleurs, porteurs de projets.

## Équipement de départ

Pour un budget d'environ 25 000 €, voici un équipement qui couvre la plupart des usages :

| Machine | Budget indicatif | Formation nécessaire |
|---|---:|---|
| 2 imprimantes 3D à filament | 1 600 € | courte |
| Découpeuse laser 60 W | 9 000 € | obligatoire, avec habilitation |
| Fraiseuse numérique de table | 6 000 € | obligatoire |
| Plotter de découpe vinyle | 800 € | courte |
| Outillage électroportatif et établis | 4 000 € | selon l'outil |
| Postes informatiques et logiciels libres | 3 000 € | aucune |

## Avant d'ouvrir

- [x] vérifier la ventilation et l'extraction des fumées (laser)
- [x] faire contrôler l'installation électrique
- [ ] rédiger le règlement de l'atelier et le faire afficher
- [ ] former au moins trois référents machines
- [ ] souscrire une assurance couvrant les usagers et le matériel
- [ ] prévoir un registre des habilitations

## Organisation

Les ouvertures publiques se font en présence d'un référent. Les usagers habilités peuvent réserver
des créneaux. Le matériel consommable (bois, filament, acrylique) est facturé au prix coûtant.

Côté finances, l'atelier équilibre rarement ses comptes seul : les formations et les prestations
pour les entreprises locales complètent les adhésions. Voir [[Modèle économique d'un tiers-lieu]]
et [[Adhésions et cotisations]]. Les référents sont souvent bénévoles : voir
[[Accueillir des bénévoles]].
`,
  },
  {
    slug: 'convention-d-occupation-avec-une-mairie',
    title: "Convention d'occupation avec une mairie",
    kind: 'practice',
    categories: ['Lieux et équipements', 'Relations avec les collectivités'],
    markdown: `# Convention d'occupation avec une mairie

Beaucoup de tiers-lieux s'installent dans un bâtiment communal : ancienne école, gare, presbytère,
local commercial de centre-bourg. La convention d'occupation fixe les droits et les devoirs de
chacun ; elle mérite d'être négociée avec soin, car elle engage le lieu pour des années.

## Quel contrat ?

Un bâtiment du domaine public se confie par une **convention d'occupation temporaire** : elle est
précaire et révocable, mais peut durer plusieurs années. Un bâtiment du domaine privé de la commune
permet un bail (commercial, professionnel ou associatif). Demandez à la mairie de préciser le
régime du bâtiment avant toute discussion.

## Les clauses à négocier

1. **La durée** : trois ans minimum, renouvelable, pour pouvoir investir et solliciter des
   financements.
2. **La redevance** : gratuite, symbolique ou au prix du marché. Une mise à disposition gratuite est
   une aide publique : elle doit être chiffrée et apparaître dans vos comptes.
3. **Les travaux** : qui paie le gros entretien, qui paie l'aménagement, et que devient
   l'aménagement en fin de convention ?
4. **Les fluides** : chauffage, électricité et eau sont-ils refacturés ?
5. **L'usage** : la liste des activités autorisées doit être assez large (buvette, location
   d'espaces, ateliers, événements en soirée).
6. **La sortie** : préavis, indemnisation des investissements non amortis.

## Conseils pratiques

Faites l'état des lieux d'entrée avec photos. Prévoyez un comité de suivi annuel avec un élu et un
technicien : c'est le bon moment pour présenter vos chiffres de fréquentation et votre
[[Évaluer son utilité sociale|évaluation d'utilité sociale]]. Le coût réel du bâtiment pèse lourd
dans votre [[Modèle économique d'un tiers-lieu|modèle économique]].
`,
  },
  {
    slug: 'adhesions-et-cotisations',
    title: 'Adhésions et cotisations',
    kind: 'practice',
    categories: ['Économie', 'Gouvernance'],
    markdown: `# Adhésions et cotisations

L'adhésion fait entrer une personne dans le projet : elle lui donne une voix à l'assemblée
générale et, souvent, l'accès aux services du lieu. La cotisation en est le montant. Elle rapporte
peu, mais elle dit beaucoup de la relation entre le lieu et ses membres.

## Un barème qui n'exclut personne

Le prix libre effraie parfois, le tarif unique exclut. Les lieux du réseau combinent généralement
plusieurs niveaux :

| Profil | Cotisation annuelle | Ce qu'elle ouvre |
|---|---:|---|
| Solidaire (minima sociaux, étudiants) | 5 € | vote, ateliers, événements |
| Individuelle | 20 € | vote, ateliers, événements |
| Soutien | 50 € et plus | idem, et une reconnaissance |
| Structure (association, entreprise) | 80 à 300 € | une voix, des tarifs réduits sur les salles |

Les services payants (poste de coworking, créneaux machines au fablab, location de salle) sont
facturés à part : l'adhésion n'est pas un abonnement.

## Bonnes pratiques

- Faites coïncider l'année d'adhésion avec l'année civile ou avec la date de l'assemblée générale :
  un seul renouvellement par an, facile à annoncer.
- Délivrez un reçu ; pour les dons, un reçu fiscal si l'association y est habilitée.
- Tenez un fichier des membres à jour et conforme au RGPD : seules les informations utiles, une
  durée de conservation fixée.
- Relancez une fois, gentiment, un mois avant l'assemblée générale.

## Adhésion et gouvernance

Qui peut voter ? Qui peut être élu ? Les statuts répondent, mais la pratique compte autant : voir
[[Gouvernance partagée]]. Pour le poids des cotisations dans le budget, voir
[[Modèle économique d'un tiers-lieu]] ; pour leur traitement comptable, voir
[[Comptabilité associative]].
`,
  },
  {
    slug: 'comptabilite-associative',
    title: 'Comptabilité associative',
    kind: 'practice',
    categories: ['Économie'],
    needsWork: 'Ajouter un exemple de plan de trésorerie et le calendrier de clôture des comptes.',
    markdown: `# Comptabilité associative

Une association qui gère un tiers-lieu tient une comptabilité d'engagement dès qu'elle emploie
des salariés, reçoit des subventions importantes ou exerce des activités commerciales. Le plan
comptable des associations s'applique, avec ses comptes propres : contributions volontaires en
nature, fonds dédiés, subventions d'investissement.

## L'essentiel

- Séparer les activités lucratives (buvette, location) des activités non lucratives, au moins
  analytiquement : c'est ce qui permet de défendre l'absence d'impôts commerciaux.
- Valoriser le bénévolat et les mises à disposition (locaux, matériel) en contributions
  volontaires : cela montre l'ampleur réelle du projet aux financeurs.
- Suivre la trésorerie mensuellement : voir [[Modèle économique d'un tiers-lieu]].

Les subventions affectées à un projet et non consommées passent en fonds dédiés en fin
d'exercice ; voir [[Subventions et appels à projets]].

Cette page est à compléter : elle manque d'exemples concrets.
`,
  },
  {
    slug: 'tiers-lieux-nourriciers',
    title: 'Tiers-lieux nourriciers',
    kind: 'practice',
    categories: ['Alimentation'],
    markdown: `# Tiers-lieux nourriciers

Les tiers-lieux nourriciers placent l'alimentation au cœur de leur projet : jardin partagé,
cuisine collective, épicerie solidaire, légumerie, point de retrait de paniers paysans. Ils
relient production locale, transformation et convivialité.

## Formes rencontrées dans le réseau

- **La cuisine partagée** : une cuisine professionnelle louée à l'heure à des traiteurs débutants,
  des associations, des producteurs qui transforment leurs surplus.
- **Le jardin pédagogique** : des parcelles collectives, des animations avec les écoles, un
  composteur de quartier.
- **L'épicerie en circuit court** : gérée par des bénévoles, avec des prix différenciés selon les
  revenus.
- **La cantine du lieu** : un repas le midi, préparé avec les produits des fermes voisines.

## Points de vigilance

La réglementation sanitaire s'applique dès que l'on sert ou vend des repas : formation à
l'hygiène alimentaire d'au moins une personne, plan de maîtrise sanitaire, déclaration auprès de
la direction départementale de la protection des populations. Une cuisine partagée demande des
règles d'usage précises (nettoyage, traçabilité, créneaux), affichées et signées.

L'équilibre économique est fragile : la marge sur l'alimentation est faible et le temps de travail
important. Les lieux qui réussissent s'appuient sur des bénévoles formés (voir
[[Accueillir des bénévoles]]) et sur des partenariats durables avec les producteurs.

## Mesurer ce qu'on apporte

Repas servis, kilos de légumes sauvés du gaspillage, nombre de producteurs partenaires, familles
touchées par les prix solidaires : ces chiffres nourrissent le dialogue avec les financeurs. Voir
[[Évaluer son utilité sociale]].

[[Catégorie:Alimentation]] [[Catégorie:Économie sociale et solidaire]]
`,
  },
  {
    slug: 'evaluer-son-utilite-sociale',
    title: 'Évaluer son utilité sociale',
    kind: 'practice',
    categories: ['Évaluation'],
    markdown: `# Évaluer son utilité sociale

Un tiers-lieu produit bien plus que ce que montrent ses comptes : des liens entre habitants, des
compétences transmises, des projets qui naissent, des services qui reviennent dans un village.
Évaluer son utilité sociale, c'est rendre cette valeur visible, d'abord pour soi, ensuite pour
les partenaires.

## Une démarche en quatre temps

1. **Choisir ce qui compte** : en collectif, lister les effets que le lieu veut produire (rompre
   l'isolement, favoriser l'emploi local, transmettre des savoir-faire…).
2. **Choisir les indicateurs** : deux ou trois par effet, pas davantage.
3. **Collecter** : tout au long de l'année, avec des outils simples (registre de fréquentation,
   questionnaire court, entretiens).
4. **Restituer** : un document de quatre pages, illustré, présenté à l'assemblée générale et aux
   financeurs.

## Exemples d'indicateurs

| Effet recherché | Indicateur | Comment le mesurer |
|---|---|---|
| Rompre l'isolement | part des usagers venus pour la première fois | registre d'accueil |
| Transmettre des savoir-faire | heures d'ateliers animés par des usagers | planning |
| Soutenir l'emploi local | projets hébergés encore actifs après deux ans | suivi annuel |
| Faire vivre le bourg | événements ouverts à tous, fréquentation | comptage |
| Mobiliser les habitants | heures de bénévolat valorisées | feuilles de présence |

## Conseils

Ne mesurez que ce que vous utiliserez. Mêlez chiffres et récits : un portrait d'usager convainc
autant qu'un tableau. Et partagez vos outils avec le réseau : voir [[Documenter ses pratiques]].
Les résultats servent aussi à discuter votre [[Convention d'occupation avec une mairie]].
`,
  },
  {
    slug: 'documenter-ses-pratiques',
    title: 'Documenter ses pratiques',
    kind: 'guide',
    categories: ['Guides'],
    markdown: `# Documenter ses pratiques

Ce wiki n'est utile que s'il est nourri. Documenter une pratique, c'est permettre à un autre lieu
de gagner des mois ; c'est aussi garder la mémoire de son propre lieu quand les personnes changent.

## Écrire une bonne fiche

Une fiche pratique répond à quatre questions : **quel problème** elle résout, **comment** on s'y
prend concrètement, **ce qui a coincé**, et **à qui s'adresser** pour en savoir plus. Préférez les
exemples chiffrés aux généralités, et les listes courtes aux longs paragraphes.

Structure conseillée :

- [ ] un titre qui dit ce que l'on fait (« Ouvrir un fablab », pas « Fablab »)
- [ ] un paragraphe d'introduction qui situe le sujet
- [ ] des intertitres pour les étapes
- [ ] au moins un exemple réel, avec des chiffres
- [ ] des liens vers les pages voisines
- [ ] une personne référente, si quelqu'un accepte de l'être

## La syntaxe en bref

Les pages s'écrivent en Markdown. Pour faire un lien vers une autre page, entourez son titre de
doubles crochets : \`[[Gouvernance partagée]]\` donne [[Gouvernance partagée]]. Pour changer le
texte du lien : \`[[gouvernance-partagee|nos instances]]\`. Un lien vers une page qui n'existe pas
encore apparaît en rouge : c'est une invitation à l'écrire.

Pour classer une page, ajoutez une ligne \`[[Catégorie:Gouvernance]]\` à la fin, ou choisissez la
catégorie dans le formulaire d'édition.

## Relire et améliorer

Chaque modification est conservée dans l'historique : on peut comparer deux versions et revenir en
arrière. Si une page vous semble incomplète, signalez-la « à améliorer » en expliquant ce qui
manque. Commencez par la page [[Accueil]] pour voir l'ensemble du wiki, et consultez les pages
d'[[Animer une communauté|animation]] pour faire vivre cette documentation collective.

[[Catégorie:Guides]]
`,
  },
  {
    slug: 'mutualiser-des-outils-numeriques',
    title: 'Mutualiser des outils numériques',
    kind: 'practice',
    categories: ['Outils'],
    markdown: `# Mutualiser des outils numériques

Plusieurs lieux du réseau partagent un serveur pour leurs agendas, leurs documents et leurs
listes de diffusion. Page à développer.
`,
  },
];
