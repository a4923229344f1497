<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="en">
<context>
    <name>BusinessSettingsDialog</name>
    <message>
        <source>e.g. Kwiaciarnia Marta</source>
        <translation>p. ex. Fleurs de Marta</translation>
    </message>
    <message>
        <source>Street
Postcode and town
Phone, email or website</source>
        <translation>Rue
Code postal et ville
Téléphone, e-mail ou site web</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Logo</source>
        <translation>Logo</translation>
    </message>
    <message>
        <source>C&amp;hoose image…</source>
        <translation>C&amp;hoisir une image…</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>Re&amp;tirer</translation>
    </message>
    <message>
        <source>Automatic ({country}, as money and dates)</source>
        <translation>Automatique ({country}, comme les montants et les dates)</translation>
    </message>
    <message>
        <source>At the top of every report</source>
        <translation>En tête de chaque rapport</translation>
    </message>
    <message>
        <source>Business &amp;name</source>
        <translation>&amp;Nom de la boutique</translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation>&amp;Adresse</translation>
    </message>
    <message>
        <source>Automatic (Letter in the US and Canada, A4 elsewhere)</source>
        <translation>Automatique (Letter aux États-Unis et au Canada, A4 ailleurs)</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>A4 (210 × 297 mm)</source>
        <translation>A4 (210 × 297 mm)</translation>
    </message>
    <message>
        <source>Letter (8½ × 11 in)</source>
        <translation>Letter (8½ × 11 po)</translation>
    </message>
    <message>
        <source>Automatic (this computer’s: {name})</source>
        <translation>Automatique (celle de cet ordinateur&#xa0;: {name})</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Devise</translation>
    </message>
    <message>
        <source> days</source>
        <translation> jours</translation>
    </message>
    <message>
        <source>A customer with no purchase for this many days counts as lapsed.</source>
        <translation>Un client sans achat depuis ce nombre de jours est compté comme perdu de vue.</translation>
    </message>
    <message>
        <source>Automatic (none: type numbers with their +country code)</source>
        <translation>Automatique (aucun&#xa0;: tapez les numéros avec leur indicatif +pays)</translation>
    </message>
    <message>
        <source>Phone numbers typed without +country are read as numbers of this country.</source>
        <translation>Les numéros tapés sans +indicatif sont lus comme des numéros de ce pays.</translation>
    </message>
    <message>
        <source>Lo&amp;yalty Programme…</source>
        <translation>Programme de fidé&amp;lité…</translation>
    </message>
    <message>
        <source>Points, rewards, tiers and expiry; saved as soon as you save them there.</source>
        <translation>Points, récompenses, niveaux et expiration&#x202f;; enregistrés dès que vous les enregistrez là-bas.</translation>
    </message>
    <message>
        <source>Reports and money</source>
        <translation>Rapports et montants</translation>
    </message>
    <message>
        <source>&amp;Paper size</source>
        <translation>&amp;Format du papier</translation>
    </message>
    <message>
        <source>Money and &amp;dates</source>
        <translation>Montants et &amp;dates</translation>
    </message>
    <message>
        <source>&amp;Currency</source>
        <translation>De&amp;vise</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Phone c&amp;ountry</source>
        <translation>Pa&amp;ys des numéros</translation>
    </message>
    <message>
        <source>&amp;Lapsed after</source>
        <translation>&amp;Perdu de vue après</translation>
    </message>
    <message>
        <source>Loyalty</source>
        <translation>Fidélité</translation>
    </message>
    <message>
        <source>Business</source>
        <translation>Boutique</translation>
    </message>
    <message>
        <source>Money and paper</source>
        <translation>Montants et papier</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Sauvegardes</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>Dossier de sauvegarde</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>Pa&amp;rcourir…</translation>
    </message>
    <message>
        <source>&amp;Use the default</source>
        <translation>Dossier par défa&amp;ut</translation>
    </message>
    <message>
        <source>&amp;Keep a snapshot every day and when the window closes</source>
        <translation>Sauve&amp;garder chaque jour et à la fermeture de la fenêtre</translation>
    </message>
    <message>
        <source>Of these, one a day is kept for a week, one a week for a month and one a month for a year. Snapshots taken by hand are kept until you delete them.</source>
        <translation>Parmi elles, une par jour est gardée pendant une semaine, une par semaine pendant un mois et une par mois pendant un an. Les sauvegardes faites à la main sont gardées jusqu’à ce que vous les supprimiez.</translation>
    </message>
    <message>
        <source>Snapshot no&amp;w</source>
        <translation>Sauvegarder &amp;maintenant</translation>
    </message>
    <message>
        <source>Snapshots of your data</source>
        <translation>Sauvegardes de vos données</translation>
    </message>
    <message>
        <source>&amp;Folder</source>
        <translation>D&amp;ossier</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Calendrier</translation>
    </message>
    <message>
        <source>By hand</source>
        <translation>À la main</translation>
    </message>
    <message>
        <source>This folder is not there now (a drive not plugged in?). Snapshots cannot be saved until it is back.</source>
        <translation>Ce dossier n’est pas là pour le moment (un disque non branché&#x202f;?). Les sauvegardes ne peuvent pas y être enregistrées tant qu’il n’est pas revenu.</translation>
    </message>
    <message>
        <source>“{name}” is a file, not a folder. Choose a folder.</source>
        <translation>«&#x202f;{name}&#x202f;» est un fichier, pas un dossier. Choisissez un dossier.</translation>
    </message>
    <message>
        <source>This folder cannot be written to, so snapshots cannot be saved in it. Choose another.</source>
        <translation>Impossible d’écrire dans ce dossier&#xa0;: les sauvegardes ne peuvent pas y être enregistrées. Choisissez-en un autre.</translation>
    </message>
    <message>
        <source>The default: a “backups” folder beside the database.</source>
        <translation>Par défaut&#xa0;: un dossier «&#x202f;backups&#x202f;» à côté du fichier clients.</translation>
    </message>
    <message>
        <source>Snapshots can be saved in this folder.</source>
        <translation>Les sauvegardes peuvent être enregistrées dans ce dossier.</translation>
    </message>
    <message>
        <source>“{folder}” is not there. Choose a folder that is.</source>
        <translation>«&#x202f;{folder}&#x202f;» n’existe pas. Choisissez un dossier qui existe.</translation>
    </message>
    <message>
        <source>“{folder}” cannot be written to, so snapshots cannot be saved in it. Choose another folder.</source>
        <translation>Impossible d’écrire dans «&#x202f;{folder}&#x202f;»&#xa0;: les sauvegardes ne peuvent pas y être enregistrées. Choisissez un autre dossier.</translation>
    </message>
    <message>
        <source>Where should snapshots go?</source>
        <translation>Où enregistrer les sauvegardes&#x202f;?</translation>
    </message>
    <message>
        <source>Taking a snapshot…</source>
        <translation>Sauvegarde en cours…</translation>
    </message>
    <message>
        <source>Saved “{name}” in {folder}.</source>
        <translation>«&#x202f;{name}&#x202f;» enregistrée dans {folder}.</translation>
    </message>
    <message>
        <source>The snapshot could not be saved: {why}</source>
        <translation>La sauvegarde n’a pas pu être enregistrée&#xa0;: {why}</translation>
    </message>
    <message>
        <source>No logo</source>
        <translation>Pas de logo</translation>
    </message>
    <message>
        <source>The logo is damaged</source>
        <translation>Le logo est endommagé</translation>
    </message>
    <message>
        <source>Choose the logo</source>
        <translation>Choisir le logo</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.gif *.bmp *.webp);;All files (*)</source>
        <translation>Images (*.png *.jpg *.jpeg *.gif *.bmp *.webp);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>“{name}” is {size}; a logo can be at most 2 MB. Choose a smaller image.</source>
        <translation>«&#x202f;{name}&#x202f;» fait {size}&#x202f;; un logo ne peut pas dépasser 2 Mo. Choisissez une image plus petite.</translation>
    </message>
    <message>
        <source>“{name}” is not a picture smallcrm can read. Choose a PNG or JPEG image.</source>
        <translation>«&#x202f;{name}&#x202f;» n’est pas une image que smallcrm sait lire. Choisissez une image PNG ou JPEG.</translation>
    </message>
    <message>
        <source>“{name}” cannot be read: {reason}.</source>
        <translation>Impossible de lire «&#x202f;{name}&#x202f;»&#xa0;: {reason}.</translation>
    </message>
    <message>
        <source>Give a three-letter currency code such as EUR, GBP or USD.</source>
        <translation>Indiquez un code de devise à trois lettres, comme EUR, GBP ou USD.</translation>
    </message>
    <message>
        <source>Purchases already recorded keep their own currency; figures count those in {code}.</source>
        <translation>Les achats déjà enregistrés gardent leur devise&#x202f;; les chiffres comptent ceux en {code}.</translation>
    </message>
    <message>
        <source>French</source>
        <translation>français</translation>
    </message>
    <message>
        <source>English</source>
        <translation>anglais</translation>
    </message>
    <message>
        <source>Reports print in {language}: {example}</source>
        <translation>Les rapports s’impriment en {language}&#xa0;: {example}</translation>
    </message>
</context>
<context>
    <name>CallDialog</name>
    <message>
        <source>Call</source>
        <translation>Appel</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Visite</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Log a call</source>
        <translation>Noter un appel</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>They called</source>
        <translation>Appel reçu</translation>
    </message>
    <message>
        <source>We called</source>
        <translation>Appel passé</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>e.g. Will come in on Saturday</source>
        <translation>p. ex. Passera samedi</translation>
    </message>
    <message>
        <source>Follow up on</source>
        <translation>Relancer le</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>&amp;Type</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Sens</translation>
    </message>
    <message>
        <source>&amp;When</source>
        <translation>&amp;Quand</translation>
    </message>
    <message>
        <source>&amp;Duration</source>
        <translation>&amp;Durée</translation>
    </message>
    <message>
        <source>&amp;Outcome</source>
        <translation>&amp;Résultat</translation>
    </message>
    <message>
        <source>&amp;Summary</source>
        <translation>Rés&amp;umé</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <source>Log a {kind}</source>
        <translation>Noter&#xa0;: {kind}</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>Fit Columns to Width</source>
        <translation>Ajuster les colonnes à la largeur</translation>
    </message>
</context>
<context>
    <name>ComplaintDialog</name>
    <message>
        <source>Open</source>
        <translation>Ouverte</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Résolue</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>Réclamation</translation>
    </message>
    <message>
        <source>Open a complaint</source>
        <translation>Ouvrir une réclamation</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produit</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Livraison</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Prix</translation>
    </message>
    <message>
        <source>low score</source>
        <translation>note basse</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <source>what was done about it (needed to resolve)</source>
        <translation>ce qui a été fait (obligatoire pour résoudre)</translation>
    </message>
    <message>
        <source>C&amp;ategory</source>
        <translation>C&amp;atégorie</translation>
    </message>
    <message>
        <source>&amp;What happened</source>
        <translation>&amp;Ce qui s’est passé</translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation>&amp;Statut</translation>
    </message>
    <message>
        <source>&amp;Resolution</source>
        <translation>&amp;Résolution</translation>
    </message>
    <message>
        <source>Say what the complaint is about.</source>
        <translation>Indiquez l’objet de la réclamation.</translation>
    </message>
    <message>
        <source>Say how it was resolved.</source>
        <translation>Indiquez comment elle a été résolue.</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <source>New customer</source>
        <translation>Nouveau client</translation>
    </message>
    <message>
        <source>How they agreed to marketing by email</source>
        <translation>Comment la personne a accepté les offres par e-mail</translation>
    </message>
    <message>
        <source>How they agreed to marketing by SMS</source>
        <translation>Comment la personne a accepté les offres par SMS</translation>
    </message>
    <message>
        <source>How they agreed</source>
        <translation>Comment la personne a accepté</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Société</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Rue</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>Code postal</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>nom@exemple.fr</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>What kind of address it is: choose one, or type your own</source>
        <translation>Le type d&apos;adresse&#xa0;: choisissez-en un ou tapez le vôtre</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Numéro de téléphone</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>What kind of number it is: choose one, or type your own</source>
        <translation>Le type de numéro&#xa0;: choisissez-en un ou tapez le vôtre</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Jour</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Mois</translation>
    </message>
    <message>
        <source>choose both the day and the month</source>
        <translation>choisissez le jour et le mois</translation>
    </message>
    <message>
        <source>the year has four digits, or leave it empty</source>
        <translation>l’année a quatre chiffres, ou laissez-la vide</translation>
    </message>
    <message>
        <source>Emails</source>
        <translation>E-mails</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>Téléphones</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Name and company</source>
        <translation>Nom et entreprise</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>Anniversaire</translation>
    </message>
    <message>
        <source>Marketing by email</source>
        <translation>Offres par e-mail</translation>
    </message>
    <message>
        <source>Marketing by SMS</source>
        <translation>Offres par SMS</translation>
    </message>
    <message>
        <source>In the shop</source>
        <translation>En boutique</translation>
    </message>
    <message>
        <source>Not recognised as a phone number for {region}; it will be kept exactly as typed.</source>
        <translation>Pas reconnu comme numéro de téléphone pour {region}&#x202f;; il sera gardé tel quel.</translation>
    </message>
    <message>
        <source>Start with + and the country code so the number can be recognised; it will be kept as typed.</source>
        <translation>Commencez par + et l’indicatif du pays pour que le numéro soit reconnu&#x202f;; il sera gardé tel quel.</translation>
    </message>
    <message>
        <source>Give a first name, a last name or a company.</source>
        <translation>Indiquez un prénom, un nom ou une société.</translation>
    </message>
</context>
<context>
    <name>ContactForm</name>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>&amp;First name</source>
        <translation>&amp;Prénom</translation>
    </message>
    <message>
        <source>&amp;Last name</source>
        <translation>&amp;Nom</translation>
    </message>
    <message>
        <source>Co&amp;mpany</source>
        <translation>&amp;Société</translation>
    </message>
    <message>
        <source>&amp;Emails</source>
        <translation>&amp;E-mails</translation>
    </message>
    <message>
        <source>&amp;Phones</source>
        <translation>&amp;Téléphones</translation>
    </message>
    <message>
        <source>&amp;Street</source>
        <translation>&amp;Rue</translation>
    </message>
    <message>
        <source>Postal code, cit&amp;y</source>
        <translation>Code postal, &amp;ville</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>Code postal</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <source>Co&amp;untry</source>
        <translation>Pa&amp;ys</translation>
    </message>
    <message>
        <source>&amp;Birthday</source>
        <translation>&amp;Anniversaire</translation>
    </message>
    <message>
        <source>Birthday day</source>
        <translation>Jour de l’anniversaire</translation>
    </message>
    <message>
        <source>Birthday month</source>
        <translation>Mois de l’anniversaire</translation>
    </message>
    <message>
        <source>Year (optional)</source>
        <translation>Année (facultatif)</translation>
    </message>
    <message>
        <source>Birthday year</source>
        <translation>Année de naissance</translation>
    </message>
    <message>
        <source>&amp;Tags</source>
        <translation>Éti&amp;quettes</translation>
    </message>
    <message>
        <source>Separate tags with commas, e.g. VIP, Newsletter</source>
        <translation>Séparez les étiquettes par des virgules, p. ex. VIP, Newsletter</translation>
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation>N&amp;otes</translation>
    </message>
    <message>
        <source>Marketing</source>
        <translation>Marketing</translation>
    </message>
    <message>
        <source>Agrees to receive marketing by email</source>
        <translation>Accepte de recevoir des offres par e-mail</translation>
    </message>
    <message>
        <source>at the counter, web form, signed card</source>
        <translation>comptoir, site web, carte signée</translation>
    </message>
    <message>
        <source>Agrees to receive marketing by SMS</source>
        <translation>Accepte de recevoir des offres par SMS</translation>
    </message>
</context>
<context>
    <name>ContactTableModel</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Société</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
</context>
<context>
    <name>CustomerLinesModel</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Lifetime spend</source>
        <translation>Total dépensé</translation>
    </message>
    <message>
        <source>Last purchase</source>
        <translation>Dernier achat</translation>
    </message>
    <message>
        <source>{name} (in the Trash)</source>
        <translation>{name} (dans la corbeille)</translation>
    </message>
</context>
<context>
    <name>CustomerListDialog</name>
    <message>
        <source>Reading the list…</source>
        <translation>Lecture de la liste…</translation>
    </message>
    <message>
        <source>&amp;Open customer</source>
        <translation>&amp;Ouvrir la fiche</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exporter…</translation>
    </message>
    <message>
        <source>Save these customers to a spreadsheet or to vCards</source>
        <translation>Enregistrer ces clients dans un tableur ou en vCards</translation>
    </message>
    <message>
        <source>Nobody.</source>
        <translation>Personne.</translation>
    </message>
    <message>
        <source>1 customer</source>
        <translation>1 client</translation>
    </message>
    <message>
        <source>{n} customers</source>
        <translation>{n} clients</translation>
    </message>
</context>
<context>
    <name>DamagedDialog</name>
    <message>
        <source>The customer book is damaged</source>
        <translation>Le fichier clients est endommagé</translation>
    </message>
    <message>
        <source>Nothing has been changed yet.</source>
        <translation>Rien n’a encore été modifié.</translation>
    </message>
    <message>
        <source>Looking for the newest snapshot that passes a check…</source>
        <translation>Recherche de la sauvegarde la plus récente qui passe la vérification…</translation>
    </message>
    <message>
        <source>&amp;Restore this snapshot</source>
        <translation>&amp;Restaurer cette sauvegarde</translation>
    </message>
    <message>
        <source>&amp;Choose another…</source>
        <translation>&amp;Choisir une autre…</translation>
    </message>
    <message>
        <source>Pick another snapshot from the list, or a copy kept elsewhere</source>
        <translation>Prendre une autre sauvegarde de la liste, ou une copie gardée ailleurs</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>None of the snapshots passes a check. Choose another copy of the customer book (on a USB stick, for instance), or quit.</source>
        <translation>Aucune sauvegarde ne passe la vérification. Choisissez une autre copie du fichier clients (sur une clé USB, par exemple), ou quittez.</translation>
    </message>
    <message>
        <source>The newest snapshot that passes a check is from {when}, with {contacts} and {purchases}. Restoring it puts the customer book back as it was then; the damaged file is kept first as a snapshot marked “damaged”, so nothing is thrown away.</source>
        <translation>La sauvegarde la plus récente qui passe la vérification date de {when}, avec {contacts} et {purchases}. La restaurer remet le fichier clients tel qu’il était alors&#x202f;; le fichier endommagé est d’abord gardé comme sauvegarde marquée «&#x202f;endommagé&#x202f;», rien n’est donc perdu.</translation>
    </message>
    <message>
        <source>1 customer</source>
        <translation>1 client</translation>
    </message>
    <message>
        <source>1 purchase</source>
        <translation>1 achat</translation>
    </message>
    <message>
        <source>{n} customers</source>
        <translation>{n} clients</translation>
    </message>
    <message>
        <source>{n} purchases</source>
        <translation>{n} achats</translation>
    </message>
    <message>
        <source>Nothing was restored</source>
        <translation>Rien n’a été restauré</translation>
    </message>
    <message>
        <source>Your customer book was not changed. Choose another snapshot, or quit.</source>
        <translation>Votre fichier clients n’a pas été modifié. Choisissez une autre sauvegarde, ou quittez.</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>Revenue</source>
        <translation>Chiffre d’affaires</translation>
    </message>
    <message>
        <source>Purchases minus refunds dated in the period, in {currency} only. A written-off purchase counts what was paid of it.</source>
        <translation>Achats moins remboursements datés de la période, en {currency} uniquement. Un achat passé en perte compte pour ce qui en a été payé.</translation>
    </message>
    <message>
        <source>Purchases</source>
        <translation>Achats</translation>
    </message>
    <message>
        <source>Purchases dated in the period, not counting refunds.</source>
        <translation>Achats datés de la période, sans compter les remboursements.</translation>
    </message>
    <message>
        <source>Average basket</source>
        <translation>Panier moyen</translation>
    </message>
    <message>
        <source>Revenue divided by the number of purchases in the period.</source>
        <translation>Chiffre d’affaires divisé par le nombre d’achats de la période.</translation>
    </message>
    <message>
        <source>Active customers</source>
        <translation>Clients actifs</translation>
    </message>
    <message>
        <source>Customers with at least one purchase (not a refund) in the period. Click to list them.</source>
        <translation>Clients ayant fait au moins un achat (hors remboursement) dans la période. Cliquez pour les afficher.</translation>
    </message>
    <message>
        <source>New customers</source>
        <translation>Nouveaux clients</translation>
    </message>
    <message>
        <source>Active customers whose first purchase ever is in the period. Click to list them.</source>
        <translation>Clients actifs dont le tout premier achat tombe dans la période. Cliquez pour les afficher.</translation>
    </message>
    <message>
        <source>Returning customers</source>
        <translation>Clients récurrents</translation>
    </message>
    <message>
        <source>Active customers who had bought before the period began. Click to list them.</source>
        <translation>Clients actifs qui avaient déjà acheté avant le début de la période. Cliquez pour les afficher.</translation>
    </message>
    <message>
        <source>Repeat rate</source>
        <translation>Taux de réachat</translation>
    </message>
    <message>
        <source>Share of the active customers who bought two or more times in the period. The change is in percentage points.</source>
        <translation>Part des clients actifs qui ont acheté au moins deux fois dans la période. L’évolution est en points de pourcentage.</translation>
    </message>
    <message>
        <source>Lapsed customers</source>
        <translation>Clients perdus de vue</translation>
    </message>
    <message>
        <source>Customers who bought before but nothing in the last {days} days, counted today. Click to list them.</source>
        <translation>Clients qui ont déjà acheté, mais rien depuis {days} jours, comptés aujourd’hui. Cliquez pour les afficher.</translation>
    </message>
    <message>
        <source>NPS</source>
        <translation>NPS</translation>
    </message>
    <message>
        <source>Net Promoter Score of the 0–10 answers given in the period: the share of promoters (9–10) minus the share of detractors (0–6), from −100 to 100. The change is in points.</source>
        <translation>Net Promoter Score des réponses de 0 à 10 données dans la période&#xa0;: la part des promoteurs (9–10) moins la part des détracteurs (0–6), de −100 à 100. L’évolution est en points.</translation>
    </message>
    <message>
        <source>Average CSAT</source>
        <translation>CSAT moyen</translation>
    </message>
    <message>
        <source>Average of the 1–5 satisfaction answers given in the period.</source>
        <translation>Moyenne des réponses de satisfaction de 1 à 5 données dans la période.</translation>
    </message>
    <message>
        <source>Points outstanding</source>
        <translation>Points en cours</translation>
    </message>
    <message>
        <source>Loyalty points all customers hold at the end of the period, and what they are worth under the current rules.</source>
        <translation>Points de fidélité détenus par l’ensemble des clients à la fin de la période, et leur valeur selon les règles actuelles.</translation>
    </message>
    <message>
        <source>Money owed</source>
        <translation>Sommes dues</translation>
    </message>
    <message>
        <source>What customers owe today on purchases due or partly paid, in {currency}.</source>
        <translation>Ce que les clients doivent aujourd’hui sur des achats à payer ou payés en partie, en {currency}.</translation>
    </message>
    <message>
        <source>no change</source>
        <translation>sans changement</translation>
    </message>
    <message>
        <source>down {amount}</source>
        <translation>en baisse de {amount}</translation>
    </message>
    <message>
        <source>new</source>
        <translation>nouveau</translation>
    </message>
    <message>
        <source>up {amount}</source>
        <translation>en hausse de {amount}</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>Counting</source>
        <translation>Calcul en cours</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Calcul…</translation>
    </message>
    <message>
        <source>Revenue over time</source>
        <translation>Chiffre d’affaires dans le temps</translation>
    </message>
    <message>
        <source>No purchases in this period</source>
        <translation>Aucun achat dans cette période</translation>
    </message>
    <message>
        <source>NPS by month</source>
        <translation>NPS par mois</translation>
    </message>
    <message>
        <source>No NPS answers in this period</source>
        <translation>Aucune réponse NPS dans cette période</translation>
    </message>
    <message>
        <source>Customer segments</source>
        <translation>Segments de clients</translation>
    </message>
    <message>
        <source>No customers have bought yet</source>
        <translation>Aucun client n’a encore acheté</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>Chiffre d’affaires</translation>
    </message>
    <message>
        <source>Customer segments today</source>
        <translation>Segments de clients aujourd’hui</translation>
    </message>
    <message>
        <source>Click a segment to list its customers.</source>
        <translation>Cliquez sur un segment pour afficher ses clients.</translation>
    </message>
    <message>
        <source>{start} – {end}, compared with {before_start} – {before_end}</source>
        <translation>{start} – {end}, comparé à {before_start} – {before_end}</translation>
    </message>
    <message>
        <source> pts</source>
        <translation> pts</translation>
    </message>
    <message>
        <source>nothing bought in {n} days</source>
        <translation>aucun achat depuis {n} jours</translation>
    </message>
    <message>
        <source>no answers</source>
        <translation>aucune réponse</translation>
    </message>
    <message>
        <source>1 answer</source>
        <translation>1 réponse</translation>
    </message>
    <message>
        <source>{n} answers</source>
        <translation>{n} réponses</translation>
    </message>
    <message>
        <source>{score} / 5</source>
        <translation>{score} / 5</translation>
    </message>
    <message>
        <source>worth {money}</source>
        <translation>valant {money}</translation>
    </message>
    <message>
        <source>nothing unpaid</source>
        <translation>rien d’impayé</translation>
    </message>
    <message>
        <source>1 unpaid purchase</source>
        <translation>1 achat impayé</translation>
    </message>
    <message>
        <source>{n} unpaid purchases</source>
        <translation>{n} achats impayés</translation>
    </message>
    <message>
        <source>Revenue by day</source>
        <translation>Chiffre d’affaires par jour</translation>
    </message>
    <message>
        <source>Revenue by week</source>
        <translation>Chiffre d’affaires par semaine</translation>
    </message>
    <message>
        <source>Revenue by month</source>
        <translation>Chiffre d’affaires par mois</translation>
    </message>
    <message>
        <source>Revenue by year</source>
        <translation>Chiffre d’affaires par année</translation>
    </message>
    <message>
        <source>{when}: {money} from {purchases}</source>
        <translation>{when}&#xa0;: {money} pour {purchases}</translation>
    </message>
    <message>
        <source>1 purchase</source>
        <translation>1 achat</translation>
    </message>
    <message>
        <source>{n} purchases</source>
        <translation>{n} achats</translation>
    </message>
    <message>
        <source>{month}: no answers</source>
        <translation>{month}&#xa0;: aucune réponse</translation>
    </message>
    <message>
        <source>{month}: NPS {score} from {n} answers</source>
        <translation>{month}&#xa0;: NPS {score} sur {n} réponses</translation>
    </message>
    <message>
        <source>{title}: {n} customers
{explanation}
Click to list them.</source>
        <translation>{title}&#xa0;: {n} clients
{explanation}
Cliquez pour les afficher.</translation>
    </message>
    <message>
        <source>Week {week} of {year}, from {day}</source>
        <translation>Semaine {week} de {year}, à partir du {day}</translation>
    </message>
    <message>
        <source>Lapsed customers</source>
        <translation>Clients perdus de vue</translation>
    </message>
    <message>
        <source>Bought before, but nothing in the last {n} days; longest gone first.</source>
        <translation>Ont déjà acheté, mais rien depuis {n} jours&#x202f;; les plus anciens d’abord.</translation>
    </message>
    <message>
        <source>{what} from {period}; the biggest spenders of the period first.</source>
        <translation>{what} sur {period}&#x202f;; les plus gros acheteurs de la période d’abord.</translation>
    </message>
    <message>
        <source>Best customers first.</source>
        <translation>Meilleurs clients d’abord.</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>Select a customer to see everything about them here.</source>
        <translation>Sélectionnez un client pour voir ici tout ce qui le concerne.</translation>
    </message>
    <message>
        <source>Customer name</source>
        <translation>Nom du client</translation>
    </message>
    <message>
        <source>Spent</source>
        <translation>Dépensé</translation>
    </message>
    <message>
        <source>Purchases</source>
        <translation>Achats</translation>
    </message>
    <message>
        <source>Last purchase</source>
        <translation>Dernier achat</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>Réclamations</translation>
    </message>
    <message>
        <source>Owes</source>
        <translation>Doit</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>Anniversaire</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <source>Marketing</source>
        <translation>Marketing</translation>
    </message>
    <message>
        <source>Referred by</source>
        <translation>Recommandé par</translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation>Parrainages</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Number in another system</source>
        <translation>Numéro dans un autre logiciel</translation>
    </message>
    <message>
        <source>Customer since</source>
        <translation>Client depuis</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Activité</translation>
    </message>
    <message>
        <source>Show activity of kind</source>
        <translation>Afficher l’activité du type</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Tout</translation>
    </message>
    <message>
        <source>Calls, visits and notes</source>
        <translation>Appels, visites et notes</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>Avis</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>Nothing recorded yet. Calls, purchases, points and feedback will appear here.</source>
        <translation>Rien d’enregistré pour l’instant. Les appels, achats, points et avis apparaîtront ici.</translation>
    </message>
    <message>
        <source>Check the spelling or type fewer letters, or clear the search (Esc) to see all your customers.</source>
        <translation>Vérifiez l’orthographe ou tapez moins de lettres, ou effacez la recherche (Échap) pour voir tous vos clients.</translation>
    </message>
    <message>
        <source>Clear Search</source>
        <translation>Effacer la recherche</translation>
    </message>
    <message>
        <source>No customer matches “{search}”.</source>
        <translation>Aucun client ne correspond à «&#x202f;{search}&#x202f;».</translation>
    </message>
    <message>
        <source>Email (since {date}, {source})</source>
        <translation>E-mail (depuis le {date}, {source})</translation>
    </message>
    <message>
        <source>Email (since {date})</source>
        <translation>E-mail (depuis le {date})</translation>
    </message>
    <message>
        <source>SMS (since {date}, {source})</source>
        <translation>SMS (depuis le {date}, {source})</translation>
    </message>
    <message>
        <source>SMS (since {date})</source>
        <translation>SMS (depuis le {date})</translation>
    </message>
    <message>
        <source>No consent given</source>
        <translation>Aucun consentement donné</translation>
    </message>
    <message>
        <source>Also bought in {currencies}: those purchases are not in these figures.</source>
        <translation>A aussi acheté en {currencies}&#xa0;: ces achats ne sont pas dans ces chiffres.</translation>
    </message>
    <message>
        <source>{n} · avg {avg}</source>
        <translation>{n} · moy. {avg}</translation>
    </message>
    <message>
        <source>{n} · {tier}</source>
        <translation>{n} · {tier}</translation>
    </message>
    <message>
        <source>NPS {n}</source>
        <translation>NPS {n}</translation>
    </message>
    <message>
        <source>CSAT {n}</source>
        <translation>CSAT {n}</translation>
    </message>
    <message>
        <source>{n} open</source>
        <translation>{n} ouverte(s)</translation>
    </message>
    <message>
        <source> and {n} more</source>
        <translation> et {n} autres</translation>
    </message>
    <message>
        <source>Refund…</source>
        <translation>Rembourser…</translation>
    </message>
    <message>
        <source>Mark paid</source>
        <translation>Marquer payé</translation>
    </message>
    <message>
        <source>Follow-up done</source>
        <translation>Relance faite</translation>
    </message>
    <message>
        <source>Snooze a day</source>
        <translation>Reporter d’un jour</translation>
    </message>
    <message>
        <source>Snooze a week</source>
        <translation>Reporter d’une semaine</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Appel</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Visite</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Call in</source>
        <translation>Appel reçu</translation>
    </message>
    <message>
        <source>Call out</source>
        <translation>Appel passé</translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation>{n} min</translation>
    </message>
    <message>
        <source>{text} (follow up {day})</source>
        <translation>{text} (relance le {day})</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Remboursement</translation>
    </message>
    <message>
        <source>Purchase</source>
        <translation>Achat</translation>
    </message>
    <message>
        <source>{details} (not paid yet)</source>
        <translation>{details} (pas encore payé)</translation>
    </message>
    <message>
        <source>{details} (written off)</source>
        <translation>{details} (passé en perte)</translation>
    </message>
</context>
<context>
    <name>DuplicatesPage</name>
    <message>
        <source>Skip them: keep the customer as it is</source>
        <translation>Les ignorer&#xa0;: garder le client tel quel</translation>
    </message>
    <message>
        <source>Fill in what is empty in the customer</source>
        <translation>Compléter ce qui est vide dans la fiche</translation>
    </message>
    <message>
        <source>Overwrite the customer with the file</source>
        <translation>Remplacer la fiche par le fichier</translation>
    </message>
    <message>
        <source>Create a new customer anyway</source>
        <translation>Créer quand même un nouveau client</translation>
    </message>
    <message>
        <source>Customers you already have</source>
        <translation>Clients que vous avez déjà</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <source>In the file</source>
        <translation>Dans le fichier</translation>
    </message>
    <message>
        <source>Same as</source>
        <translation>Identique à</translation>
    </message>
    <message>
        <source>Because</source>
        <translation>Parce que</translation>
    </message>
    <message>
        <source>For this row</source>
        <translation>Pour cette ligne</translation>
    </message>
    <message>
        <source>Rows that match a customer</source>
        <translation>Lignes qui correspondent à un client</translation>
    </message>
    <message>
        <source>Click “For this row” to choose for one row, or select several rows (Shift- or Ctrl-click) and choose below the list.</source>
        <translation>Cliquez sur «&#x202f;Pour cette ligne&#x202f;» pour choisir ligne par ligne, ou sélectionnez plusieurs lignes (clic avec Maj ou Ctrl) et choisissez sous la liste.</translation>
    </message>
    <message>
        <source>For the se&amp;lected rows:</source>
        <translation>Pour les lignes sé&amp;lectionnées&#xa0;:</translation>
    </message>
    <message>
        <source>No duplicates were found.</source>
        <translation>Aucun doublon trouvé.</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <source>The customer now</source>
        <translation>Le client aujourd’hui</translation>
    </message>
    <message>
        <source>If you fill in</source>
        <translation>Si vous complétez</translation>
    </message>
    <message>
        <source>If you overwrite</source>
        <translation>Si vous remplacez</translation>
    </message>
    <message>
        <source>What the row would change</source>
        <translation>Ce que la ligne changerait</translation>
    </message>
    <message>
        <source>Separate tags with commas, e.g. Spring fair, Newsletter</source>
        <translation>Séparez les étiquettes par des virgules, p. ex. Salon de printemps, Newsletter</translation>
    </message>
    <message>
        <source>&amp;Tag the customers this import adds or changes:</source>
        <translation>É&amp;tiqueter les clients que cet import ajoute ou modifie&#xa0;:</translation>
    </message>
    <message>
        <source>Select a row to see what it would change in the customer.</source>
        <translation>Sélectionnez une ligne pour voir ce qu’elle changerait chez le client.</translation>
    </message>
    <message>
        <source>{n} rows are selected: select one to see what it would change in its customer.</source>
        <translation>{n} lignes sont sélectionnées&#xa0;: sélectionnez-en une pour voir ce qu’elle changerait chez son client.</translation>
    </message>
    <message>
        <source>Row {row} is the same customer as row {earlier} of the file: as chosen, it is added as a customer of its own.</source>
        <translation>La ligne {row} est le même client que la ligne {earlier} du fichier&#xa0;: comme choisi, elle est ajoutée comme un client à part.</translation>
    </message>
    <message>
        <source>Row {row} is the same customer as row {earlier} of the file: as chosen, it is left out.</source>
        <translation>La ligne {row} est le même client que la ligne {earlier} du fichier&#xa0;: comme choisi, elle est laissée de côté.</translation>
    </message>
    <message>
        <source>Row {row} is the same customer as row {earlier} of the file: it adds to what that row brings.</source>
        <translation>La ligne {row} est le même client que la ligne {earlier} du fichier&#xa0;: elle complète ce que cette ligne apporte.</translation>
    </message>
    <message>
        <source>Reading row {row}…</source>
        <translation>Lecture de la ligne {row}…</translation>
    </message>
    <message>
        <source>Row {row} cannot be imported: the next page says why.</source>
        <translation>La ligne {row} ne peut pas être importée&#xa0;: la page suivante dit pourquoi.</translation>
    </message>
    <message>
        <source>Row {row} has nothing {name} does not have: filling in or overwriting changes nothing.</source>
        <translation>La ligne {row} n’apporte rien que {name} n’ait déjà&#xa0;: compléter ou remplacer ne change rien.</translation>
    </message>
    <message>
        <source>What row {row} would change in {name} (changes in bold):</source>
        <translation>Ce que la ligne {row} changerait chez {name} (changements en gras)&#xa0;:</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <source>row {n}</source>
        <translation>ligne {n}</translation>
    </message>
    <message>
        <source>Rows with the same email or phone as a customer in your book or a row above in the file, or a very similar name and one more detail in common.</source>
        <translation>Lignes avec le même e-mail ou téléphone qu’un client déjà enregistré ou qu’une ligne plus haut dans le fichier, ou un nom très proche et un autre détail en commun.</translation>
    </message>
    <message>
        <source>As chosen above</source>
        <translation>Comme choisi ci-dessus</translation>
    </message>
</context>
<context>
    <name>FeedbackDialog</name>
    <message>
        <source>Record feedback</source>
        <translation>Recueillir un avis</translation>
    </message>
    <message>
        <source>How likely to recommend us (NPS, 0–10)</source>
        <translation>Probabilité de nous recommander (NPS, 0–10)</translation>
    </message>
    <message>
        <source>How satisfied (CSAT, 1–5)</source>
        <translation>Niveau de satisfaction (CSAT, 1–5)</translation>
    </message>
    <message>
        <source>At the counter</source>
        <translation>Au comptoir</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>(nothing in particular)</source>
        <translation>(rien de particulier)</translation>
    </message>
    <message>
        <source>Purchase {when} · {ref} · {total}</source>
        <translation>Achat du {when} · {ref} · {total}</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Appel</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Visite</translation>
    </message>
    <message>
        <source>&amp;Question</source>
        <translation>&amp;Question</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>&amp;Comment</source>
        <translation>&amp;Commentaire</translation>
    </message>
    <message>
        <source>C&amp;hannel</source>
        <translation>Ca&amp;nal</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>&amp;Objet</translation>
    </message>
    <message>
        <source>&amp;When</source>
        <translation>&amp;Quand</translation>
    </message>
    <message>
        <source>Score {n}</source>
        <translation>Note {n}</translation>
    </message>
    <message>
        <source>A score this low opens a complaint and a follow-up task.</source>
        <translation>Une note aussi basse ouvre une réclamation et une tâche de relance.</translation>
    </message>
    <message>
        <source>Click the score the customer gave.</source>
        <translation>Cliquez sur la note donnée par le client.</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>C&amp;ustomers</source>
        <translation>&amp;Clients</translation>
    </message>
    <message>
        <source>&amp;Purchases</source>
        <translation>&amp;Achats</translation>
    </message>
    <message>
        <source>Choose the file</source>
        <translation>Choisir le fichier</translation>
    </message>
    <message>
        <source>A CSV file exported from Google, Outlook, Excel, Shopify, Square, your till or another CRM, or a phone&apos;s contacts saved as a vCard file (.vcf).</source>
        <translation>Un fichier CSV exporté de Google, Outlook, Excel, Shopify, Square, de votre caisse ou d’un autre CRM, ou les contacts d’un téléphone enregistrés en fichier vCard (.vcf).</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>C&amp;hoisir…</translation>
    </message>
    <message>
        <source>What is in this file?</source>
        <translation>Que contient ce fichier&#x202f;?</translation>
    </message>
    <message>
        <source>{name} is a folder: choose the CSV file in it.</source>
        <translation>{name} est un dossier&#xa0;: choisissez le fichier CSV qu’il contient.</translation>
    </message>
    <message>
        <source>There is no file “{name}” there. Check its name and folder, or find it with Choose…</source>
        <translation>Il n’y a pas de fichier «&#x202f;{name}&#x202f;» à cet endroit. Vérifiez son nom et son dossier, ou trouvez-le avec Choisir…</translation>
    </message>
    <message>
        <source>A vCard file: a phone&apos;s or a mail program&apos;s contacts, each imported as a customer.</source>
        <translation>Un fichier vCard&#xa0;: les contacts d’un téléphone ou d’une messagerie, chacun importé comme client.</translation>
    </message>
    <message>
        <source>Chosen from the file&apos;s columns ({columns}). Change it if it is wrong.</source>
        <translation>Déduit des colonnes du fichier ({columns}). Changez-le s’il est faux.</translation>
    </message>
    <message>
        <source>Import a file</source>
        <translation>Importer un fichier</translation>
    </message>
    <message>
        <source>CSV and vCard files (*.csv *.txt *.tsv *.vcf);;All files (*)</source>
        <translation>Fichiers CSV et vCard (*.csv *.txt *.tsv *.vcf);;Tous les fichiers (*)</translation>
    </message>
</context>
<context>
    <name>FixRowDialog</name>
    <message>
        <source>Fix row {row}</source>
        <translation>Corriger la ligne {row}</translation>
    </message>
    <message>
        <source>Why it cannot be imported: {reason}</source>
        <translation>Pourquoi elle ne peut pas être importée&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Goes to: {field}</source>
        <translation>Va dans&#xa0;: {field}</translation>
    </message>
    <message>
        <source>Check &amp;again</source>
        <translation>&amp;Vérifier à nouveau</translation>
    </message>
</context>
<context>
    <name>FormatPage</name>
    <message>
        <source>UTF-8 (Unicode)</source>
        <translation>UTF-8 (Unicode)</translation>
    </message>
    <message>
        <source>UTF-16 (Unicode), little-endian</source>
        <translation>UTF-16 (Unicode), petit-boutiste</translation>
    </message>
    <message>
        <source>UTF-16 (Unicode), big-endian</source>
        <translation>UTF-16 (Unicode), gros-boutiste</translation>
    </message>
    <message>
        <source>Windows, Western Europe (cp1252)</source>
        <translation>Windows, Europe de l’Ouest (cp1252)</translation>
    </message>
    <message>
        <source>UTF-8 and Windows, Western Europe, mixed</source>
        <translation>UTF-8 et Windows, Europe de l’Ouest, mélangés</translation>
    </message>
    <message>
        <source>Latin-9 (ISO 8859-15)</source>
        <translation>Latin-9 (ISO 8859-15)</translation>
    </message>
    <message>
        <source>Mac, Western Europe (Mac Roman)</source>
        <translation>Mac, Europe de l’Ouest (Mac Roman)</translation>
    </message>
    <message>
        <source>DOS, Western Europe (cp850)</source>
        <translation>DOS, Europe de l’Ouest (cp850)</translation>
    </message>
    <message>
        <source>Windows, Central Europe (cp1250)</source>
        <translation>Windows, Europe centrale (cp1250)</translation>
    </message>
    <message>
        <source>Latin-2, Central Europe (ISO 8859-2)</source>
        <translation>Latin-2, Europe centrale (ISO 8859-2)</translation>
    </message>
    <message>
        <source>Windows, Cyrillic (cp1251)</source>
        <translation>Windows, cyrillique (cp1251)</translation>
    </message>
    <message>
        <source>Windows, Greek (cp1253)</source>
        <translation>Windows, grec (cp1253)</translation>
    </message>
    <message>
        <source>Windows, Turkish (cp1254)</source>
        <translation>Windows, turc (cp1254)</translation>
    </message>
    <message>
        <source>Windows, Hebrew (cp1255)</source>
        <translation>Windows, hébreu (cp1255)</translation>
    </message>
    <message>
        <source>Windows, Arabic (cp1256)</source>
        <translation>Windows, arabe (cp1256)</translation>
    </message>
    <message>
        <source>Windows, Baltic (cp1257)</source>
        <translation>Windows, balte (cp1257)</translation>
    </message>
    <message>
        <source>Windows, Vietnamese (cp1258)</source>
        <translation>Windows, vietnamien (cp1258)</translation>
    </message>
    <message>
        <source>Windows, Thai (cp874)</source>
        <translation>Windows, thaï (cp874)</translation>
    </message>
    <message>
        <source>Windows, Japanese (Shift-JIS)</source>
        <translation>Windows, japonais (Shift-JIS)</translation>
    </message>
    <message>
        <source>Windows, Chinese, simplified (GBK)</source>
        <translation>Windows, chinois simplifié (GBK)</translation>
    </message>
    <message>
        <source>Windows, Chinese, traditional (Big5)</source>
        <translation>Windows, chinois traditionnel (Big5)</translation>
    </message>
    <message>
        <source>Windows, Korean (cp949)</source>
        <translation>Windows, coréen (cp949)</translation>
    </message>
    <message>
        <source>Cyrillic (KOI8-R)</source>
        <translation>Cyrillique (KOI8-R)</translation>
    </message>
    <message>
        <source>Comma ,</source>
        <translation>Virgule ,</translation>
    </message>
    <message>
        <source>Semicolon ;</source>
        <translation>Point-virgule&#x202f;;</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tabulation</translation>
    </message>
    <message>
        <source>Pipe |</source>
        <translation>Barre verticale |</translation>
    </message>
    <message>
        <source>Double quotes &quot;…&quot;</source>
        <translation>Guillemets doubles &quot;…&quot;</translation>
    </message>
    <message>
        <source>Single quotes &apos;…&apos;</source>
        <translation>Guillemets simples &apos;…&apos;</translation>
    </message>
    <message>
        <source>None: quotes are text</source>
        <translation>Aucun&#xa0;: les guillemets sont du texte</translation>
    </message>
    <message>
        <source>At any line break</source>
        <translation>À chaque saut de ligne</translation>
    </message>
    <message>
        <source>Only at CR LF (Windows)</source>
        <translation>Seulement à CR LF (Windows)</translation>
    </message>
    <message>
        <source>Only at LF (macOS, Linux)</source>
        <translation>Seulement à LF (macOS, Linux)</translation>
    </message>
    <message>
        <source>Only at CR (older Macs)</source>
        <translation>Seulement à CR (anciens Mac)</translation>
    </message>
    <message>
        <source>CR LF (Windows)</source>
        <translation>CR LF (Windows)</translation>
    </message>
    <message>
        <source>LF (macOS, Linux)</source>
        <translation>LF (macOS, Linux)</translation>
    </message>
    <message>
        <source>CR (older Macs)</source>
        <translation>CR (anciens Mac)</translation>
    </message>
    <message>
        <source>What the file looks like</source>
        <translation>À quoi ressemble le fichier</translation>
    </message>
    <message>
        <source>This is what was detected. If the preview looks wrong, change it here.</source>
        <translation>Voici ce qui a été détecté. Si l’aperçu semble faux, changez-le ici.</translation>
    </message>
    <message>
        <source>How the file&apos;s letters are written. If accents look wrong in the preview, choose another.</source>
        <translation>Comment les lettres du fichier sont écrites. Si les accents semblent faux dans l’aperçu, choisissez-en un autre.</translation>
    </message>
    <message>
        <source>Choose “Only at …” when a line break inside a cell splits its row in two: the other line breaks are then kept in the cell</source>
        <translation>Choisissez «&#x202f;Seulement à …&#x202f;» quand un saut de ligne dans une cellule coupe sa ligne en deux&#xa0;: les autres sauts de ligne restent alors dans la cellule</translation>
    </message>
    <message>
        <source>Column names on &amp;row</source>
        <translation>&amp;Noms des colonnes en ligne</translation>
    </message>
    <message>
        <source>E&amp;xported by</source>
        <translation>&amp;Exporté par</translation>
    </message>
    <message>
        <source>Detect from the header</source>
        <translation>Détecter d’après l’en-tête</translation>
    </message>
    <message>
        <source>Another program (by the column names)</source>
        <translation>Un autre programme (d’après les noms des colonnes)</translation>
    </message>
    <message>
        <source>smallcrm (its own purchases export)</source>
        <translation>smallcrm (son propre export des achats)</translation>
    </message>
    <message>
        <source>the layout of smallcrm&apos;s own purchases export (a purchase&apos;s items on rows of its number, each refund with the purchase it pays back)</source>
        <translation>la disposition de l’export des achats de smallcrm (les articles d’un achat sur les lignes de son numéro, chaque remboursement avec l’achat qu’il rembourse)</translation>
    </message>
    <message>
        <source>what each column holds to be chosen on the next page</source>
        <translation>le contenu de chaque colonne à choisir à la page suivante</translation>
    </message>
    <message>
        <source>Detected: a vCard file of contacts, characters in {encoding}. Each contact is a row below, its phones, emails and addresses in columns.</source>
        <translation>Détecté&#xa0;: un fichier vCard de contacts, caractères en {encoding}. Chaque contact est une ligne ci-dessous, ses téléphones, e-mails et adresses en colonnes.</translation>
    </message>
    <message>
        <source>no row of column names (the columns are numbered)</source>
        <translation>pas de ligne de noms de colonnes (les colonnes sont numérotées)</translation>
    </message>
    <message>
        <source>column names on row {row}</source>
        <translation>noms des colonnes en ligne {row}</translation>
    </message>
    <message>
        <source>Detected: characters in {encoding}, columns separated by “{sep}”, {quotes}, {names}, lines ending in {ends}, {layout}.</source>
        <translation>Détecté&#xa0;: caractères en {encoding}, colonnes séparées par «&#x202f;{sep}&#x202f;», {quotes}, {names}, fins de ligne en {ends}, {layout}.</translation>
    </message>
    <message>
        <source>Column {number}</source>
        <translation>Colonne {number}</translation>
    </message>
    <message>
        <source>“{code}” is no country&apos;s code. Under “Phone numbers from”, write the two letters of the country of numbers written without +country, such as FR, DE or GB, or leave it empty.</source>
        <translation>«&#x202f;{code}&#x202f;» n’est le code d’aucun pays. Sous «&#x202f;Pays des téléphones&#x202f;», écrivez les deux lettres du pays des numéros écrits sans +indicatif, comme FR, DE ou GB, ou laissez la case vide.</translation>
    </message>
    <message>
        <source>e.g. FR</source>
        <translation>p. ex. FR</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucune</translation>
    </message>
    <message>
        <source>The row with the column names, as a spreadsheet numbers rows; “None” when the file has none: its columns are then numbered</source>
        <translation>La ligne des noms de colonnes, numérotée comme dans un tableur&#xa0;; «&#x202f;Aucune&#x202f;» si le fichier n’en a pas&#xa0;: ses colonnes sont alors numérotées</translation>
    </message>
    <message>
        <source>The country of phone numbers written without +country code, in rows that do not name a country of their own</source>
        <translation>Le pays des numéros écrits sans +indicatif, pour les lignes qui ne donnent pas de pays</translation>
    </message>
    <message>
        <source>&amp;Characters (encoding)</source>
        <translation>&amp;Caractères (encodage)</translation>
    </message>
    <message>
        <source>&amp;Separator</source>
        <translation>Sép&amp;arateur</translation>
    </message>
    <message>
        <source>Text in &amp;quotes</source>
        <translation>Texte entre &amp;guillemets</translation>
    </message>
    <message>
        <source>Rows &amp;end</source>
        <translation>&amp;Fin des lignes</translation>
    </message>
    <message>
        <source>Phone numbers from</source>
        <translation>Pays des téléphones</translation>
    </message>
    <message>
        <source>Shopify (orders)</source>
        <translation>Shopify (commandes)</translation>
    </message>
    <message>
        <source>Online Retail data set</source>
        <translation>Jeu de données Online Retail</translation>
    </message>
    <message>
        <source>Etsy (Sold Orders)</source>
        <translation>Etsy (Sold Orders)</translation>
    </message>
    <message>
        <source>Etsy (Sold Order Items)</source>
        <translation>Etsy (Sold Order Items)</translation>
    </message>
    <message>
        <source>Some of the text cannot be read in the encoding chosen: choose another under “Characters (encoding)”.</source>
        <translation>Une partie du texte ne peut pas être lue dans l’encodage choisi&#xa0;: choisissez-en un autre sous «&#x202f;Caractères (encodage)&#x202f;».</translation>
    </message>
    <message>
        <source>Some of the text cannot be read in the encoding chosen ({detail}): choose another under “Characters (encoding)”.</source>
        <translation>Une partie du texte ne peut pas être lue dans l’encodage choisi ({detail})&#xa0;: choisissez-en un autre sous «&#x202f;Caractères (encodage)&#x202f;».</translation>
    </message>
    <message>
        <source>The file looks written in {encoding}.</source>
        <translation>Le fichier semble écrit en {encoding}.</translation>
    </message>
    <message>
        <source>the layout of {program}</source>
        <translation>la disposition de {program}</translation>
    </message>
    <message>
        <source>the layout of the Online Retail data set</source>
        <translation>la disposition du jeu de données Online Retail</translation>
    </message>
    <message>
        <source>the layout of Shopify&apos;s orders export</source>
        <translation>la disposition de l’export des commandes de Shopify</translation>
    </message>
    <message>
        <source>the layout of SumUp&apos;s transactions report (its Email column, the SumUp account&apos;s, is left out)</source>
        <translation>la présentation du rapport de transactions de SumUp (sa colonne Email, celle du compte SumUp, est laissée de côté)</translation>
    </message>
    <message>
        <source>the layout of Stripe&apos;s payments export (each charge by its own number)</source>
        <translation>la présentation de l’export des paiements de Stripe (chaque paiement sous son propre numéro)</translation>
    </message>
    <message>
        <source>the layout of Lightspeed Retail X-Series&apos; sales export (a receipt&apos;s total on its Sale row, its items on its Sale Line rows)</source>
        <translation>la disposition de l’export des ventes de Lightspeed Retail X-Series (le total d’un ticket sur sa ligne Sale, ses articles sur ses lignes Sale Line)</translation>
    </message>
    <message>
        <source>the layout of Etsy&apos;s Sold Orders (dates written month first)</source>
        <translation>la disposition des commandes vendues d’Etsy (dates écrites mois d’abord)</translation>
    </message>
    <message>
        <source>the layout of Etsy&apos;s Sold Order Items (dates written month first; an order&apos;s shipping, tax and discount, on each of its items&apos; rows, count once)</source>
        <translation>la disposition des articles de commandes vendues d’Etsy (dates écrites mois d’abord&#xa0;; la livraison, les taxes et la remise d’une commande, écrites sur la ligne de chacun de ses articles, comptent une fois)</translation>
    </message>
    <message>
        <source>the layout of PayPal&apos;s activity download (the customer&apos;s email from or to, as the money went)</source>
        <translation>la présentation du téléchargement de l’activité PayPal (l’e-mail du client, côté expéditeur ou destinataire selon le sens de l’argent)</translation>
    </message>
    <message>
        <source>columns read by their names (not the layout of a program smallcrm knows)</source>
        <translation>colonnes reconnues par leur nom (ce n’est la disposition d’aucun programme que smallcrm connaît)</translation>
    </message>
    <message>
        <source>text in double quotes</source>
        <translation>texte entre guillemets doubles</translation>
    </message>
    <message>
        <source>text in single quotes</source>
        <translation>texte entre guillemets simples</translation>
    </message>
    <message>
        <source>no quotes</source>
        <translation>sans guillemets</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>tabulation</translation>
    </message>
    <message>
        <source>Another program</source>
        <translation>Un autre programme</translation>
    </message>
    <message>
        <source>{program} (detected)</source>
        <translation>{program} (détecté)</translation>
    </message>
    <message>
        <source>Detected from the file&apos;s column names</source>
        <translation>Détecté d’après les noms des colonnes du fichier</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>The file has a header row and no rows under it ({detail}).</source>
        <translation>Le fichier a une ligne d’en-tête et aucune ligne en dessous ({detail}).</translation>
    </message>
    <message>
        <source>This is not a CSV file but {detail}. Open it in the program that made it and save it as CSV.</source>
        <translation>Ce n’est pas un fichier CSV mais {detail}. Ouvrez-le dans le programme qui l’a créé et enregistrez-le au format CSV.</translation>
    </message>
    <message>
        <source>The file cannot be opened ({detail}). Choose another file, or close the program that holds this one.</source>
        <translation>Le fichier ne peut pas être ouvert ({detail}). Choisissez un autre fichier, ou fermez le programme qui tient celui-ci ouvert.</translation>
    </message>
    <message>
        <source>Some of the text cannot be read in the encoding chosen ({detail}): go back to “What the file looks like” and choose another encoding.</source>
        <translation>Une partie du texte ne peut pas être lue dans l’encodage choisi ({detail})&#xa0;: revenez à «&#x202f;À quoi ressemble le fichier&#x202f;» et choisissez un autre encodage.</translation>
    </message>
    <message>
        <source>The file says by its first bytes that it is written in {detail}: choose that encoding under “Characters (encoding)”.</source>
        <translation>Le fichier indique par ses premiers octets qu’il est écrit en {detail}&#xa0;: choisissez cet encodage sous «&#x202f;Caractères (encodage)&#x202f;».</translation>
    </message>
    <message>
        <source>The file has text written in UTF-8 ({detail}): choose “UTF-8 (Unicode)” under “Characters (encoding)”, or “UTF-8 and Windows, Western Europe, mixed” for a file with rows of both.</source>
        <translation>Le fichier contient du texte écrit en UTF-8 ({detail})&#xa0;: choisissez «&#xa0;UTF-8 (Unicode)&#xa0;» sous «&#xa0;Caractères (encodage)&#xa0;», ou «&#xa0;UTF-8 et Windows, Europe de l’Ouest, mélangés&#xa0;» pour un fichier qui a des lignes des deux.</translation>
    </message>
    <message>
        <source>a zip archive, such as an Excel (.xlsx) or OpenDocument (.ods) workbook</source>
        <translation>une archive zip, comme un classeur Excel (.xlsx) ou OpenDocument (.ods)</translation>
    </message>
    <message>
        <source>an Excel 97-2003 (.xls) workbook or another Office file</source>
        <translation>un classeur Excel 97-2003 (.xls) ou un autre fichier Office</translation>
    </message>
    <message>
        <source>a PDF document</source>
        <translation>un document PDF</translation>
    </message>
    <message>
        <source>a PNG image</source>
        <translation>une image PNG</translation>
    </message>
    <message>
        <source>a JPEG image</source>
        <translation>une image JPEG</translation>
    </message>
    <message>
        <source>a GIF image</source>
        <translation>une image GIF</translation>
    </message>
    <message>
        <source>an SQLite database</source>
        <translation>une base de données SQLite</translation>
    </message>
    <message>
        <source>a gzip archive</source>
        <translation>une archive gzip</translation>
    </message>
    <message>
        <source>a bzip2 archive</source>
        <translation>une archive bzip2</translation>
    </message>
    <message>
        <source>a 7-Zip archive</source>
        <translation>une archive 7-Zip</translation>
    </message>
    <message>
        <source>a RAR archive</source>
        <translation>une archive RAR</translation>
    </message>
    <message>
        <source>a program</source>
        <translation>un programme</translation>
    </message>
    <message>
        <source>a web page (HTML), as some web shops write their “Excel” exports</source>
        <translation>une page web (HTML), comme certaines boutiques en ligne écrivent leurs exports «&#x202f;Excel&#x202f;»</translation>
    </message>
    <message>
        <source>an Excel 2003 XML workbook</source>
        <translation>un classeur XML d’Excel 2003</translation>
    </message>
    <message>
        <source>a vCard file of contacts (.vcf)</source>
        <translation>un fichier de contacts vCard (.vcf)</translation>
    </message>
    <message>
        <source>it is a folder, not a file</source>
        <translation>c’est un dossier, pas un fichier</translation>
    </message>
    <message>
        <source>only the column names {names}</source>
        <translation>seulement les noms de colonnes {names}</translation>
    </message>
    <message>
        <source>only a row of empty column names</source>
        <translation>seulement une ligne de noms de colonnes vides</translation>
    </message>
    <message>
        <source>some of its text is not {encoding}</source>
        <translation>une partie de son texte n’est pas en {encoding}</translation>
    </message>
    <message>
        <source>“{text}” in column {column} is not {encoding}</source>
        <translation>«&#xa0;{text}&#xa0;» en colonne {column} n’est pas en {encoding}</translation>
    </message>
    <message>
        <source>read as {encoding}, “{word}” would be “{garbled}”</source>
        <translation>lu en {encoding}, «&#xa0;{word}&#xa0;» deviendrait «&#xa0;{garbled}&#xa0;»</translation>
    </message>
    <message>
        <source>Recorded without a customer (nothing in their rows to find one by): {n}.</source>
        <translation>Enregistrés sans client (rien dans leurs lignes pour en trouver un)&#xa0;: {n}.</translation>
    </message>
    <message>
        <source>Rows joined to an earlier row, the same customer: {n}.</source>
        <translation>Lignes jointes à une ligne précédente, le même client&#xa0;: {n}.</translation>
    </message>
    <message>
        <source>Points given: {points}.</source>
        <translation>Points attribués&#xa0;: {points}.</translation>
    </message>
    <message>
        <source>Points taken back: {points}.</source>
        <translation>Points repris&#xa0;: {points}.</translation>
    </message>
    <message>
        <source>Purchases it had marked paid, due again: {n}.</source>
        <translation>Achats qu’il avait marqués payés, de nouveau dus&#xa0;: {n}.</translation>
    </message>
    <message>
        <source>Purchases imported before as due, paid since, marked paid: {n}.</source>
        <translation>Achats importés avant comme dus, payés depuis, marqués payés&#xa0;: {n}.</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importer</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Import purchases</source>
        <translation>Importer des achats</translation>
    </message>
    <message>
        <source>Import customers</source>
        <translation>Importer des clients</translation>
    </message>
    <message>
        <source>The file changed since it was read, so the rows corrected here were left out: its rows may have moved. Correct them again if they still need it.</source>
        <translation>Le fichier a changé depuis sa lecture&#xa0;: les lignes corrigées ici ont donc été laissées de côté, car ses lignes ont pu bouger. Corrigez-les à nouveau si besoin.</translation>
    </message>
    <message>
        <source>Reading the file… {rows} of {total} rows</source>
        <translation>Lecture du fichier… {rows} lignes sur {total}</translation>
    </message>
    <message>
        <source>Reading the file… {rows} rows</source>
        <translation>Lecture du fichier… {rows} lignes</translation>
    </message>
    <message>
        <source>Row {row} could not be read again: {problem}</source>
        <translation>La ligne {row} n’a pas pu être relue&#xa0;: {problem}</translation>
    </message>
    <message>
        <source>Choose the column with the date of each sale.</source>
        <translation>Choisissez la colonne avec la date de chaque vente.</translation>
    </message>
    <message>
        <source>Choose the column with the amount, or the one with the unit price.</source>
        <translation>Choisissez la colonne avec le montant, ou celle avec le prix unitaire.</translation>
    </message>
    <message>
        <source>If the file is a list of customers, go back to the first page and choose “Customers”.</source>
        <translation>Si le fichier est une liste de clients, revenez à la première page et choisissez «&#xa0;Clients&#xa0;».</translation>
    </message>
    <message>
        <source>“{value}” is not a currency: write its three-letter code, such as EUR, GBP or USD.</source>
        <translation>«&#x202f;{value}&#x202f;» n’est pas une devise&#xa0;: écrivez son code à trois lettres, comme EUR, GBP ou USD.</translation>
    </message>
    <message>
        <source>The import stopped part way ({reason}). Nothing was imported. Close other programs (the computer may be short of memory) and try again.</source>
        <translation>L’import s’est arrêté en cours de route ({reason}). Rien n’a été importé. Fermez d’autres programmes (l’ordinateur manque peut-être de mémoire) et réessayez.</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Interruption…</translation>
    </message>
    <message>
        <source>Stop this import? Nothing has been imported; the choices made for this file and the rows corrected would be lost.</source>
        <translation>Arrêter cette importation&#xa0;? Rien n’a été importé&#xa0;; les choix faits pour ce fichier et les lignes corrigées seraient perdus.</translation>
    </message>
    <message>
        <source>Stop this import? Nothing has been imported; the choices made for this file would be lost.</source>
        <translation>Arrêter cette importation&#xa0;? Rien n’a été importé&#xa0;; les choix faits pour ce fichier seraient perdus.</translation>
    </message>
    <message>
        <source>Stop the import</source>
        <translation>Arrêter l’importation</translation>
    </message>
    <message>
        <source>Keep going</source>
        <translation>Continuer</translation>
    </message>
    <message>
        <source>Save rejected rows</source>
        <translation>Enregistrer les lignes rejetées</translation>
    </message>
    <message>
        <source>{name}-rejected.csv</source>
        <translation>{name}-rejets.csv</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>The rejected rows were not saved: they are read from {file}, which was moved, deleted or saved again since it was imported. Put it back as it was, or import it again to see its rejected rows.</source>
        <translation>Les lignes rejetées n’ont pas été enregistrées&#xa0;: elles sont lues dans {file}, qui a été déplacé, supprimé ou enregistré de nouveau depuis l’import. Remettez-le tel qu’il était, ou importez-le de nouveau pour voir ses lignes rejetées.</translation>
    </message>
    <message>
        <source>it is a folder</source>
        <translation>c’est un dossier</translation>
    </message>
    <message>
        <source>its folder does not exist</source>
        <translation>son dossier n’existe pas</translation>
    </message>
    <message>
        <source>it is the file being imported</source>
        <translation>c’est le fichier en cours d’import</translation>
    </message>
    <message>
        <source>it is your customer book</source>
        <translation>c’est celui où vos clients sont enregistrés</translation>
    </message>
    <message>
        <source>The rejected rows were not saved in {file}: {why}. Choose another name or folder.</source>
        <translation>Les lignes rejetées n’ont pas été enregistrées dans {file}&#xa0;: {why}. Choisissez un autre nom ou un autre dossier.</translation>
    </message>
    <message>
        <source>Saved in {file}.</source>
        <translation>Enregistrées dans {file}.</translation>
    </message>
    <message>
        <source>No column of the file says who the customer is the way chosen under “Find each row&apos;s customer by”: choose another way, or give a column that field.</source>
        <translation>Aucune colonne du fichier ne désigne le client de la façon choisie sous «&#x202f;Trouver le client de chaque ligne par&#x202f;»&#xa0;: choisissez une autre façon, ou attribuez ce champ à une colonne.</translation>
    </message>
    <message>
        <source>The column names were read as one column: the file&apos;s columns seem to be separated by “{separator}”. Go back to “What the file looks like” and choose it under “Separator”.</source>
        <translation>Les noms des colonnes ont été lus comme une seule colonne&#xa0;: les colonnes du fichier semblent séparées par «&#x202f;{separator}&#x202f;». Revenez à «&#x202f;À quoi ressemble le fichier&#x202f;» et choisissez-le dans «&#x202f;Séparateur&#x202f;».</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>Rien n’a été importé.</translation>
    </message>
    <message>
        <source>The file cannot be read ({reason}).</source>
        <translation>Le fichier ne peut pas être lu ({reason}).</translation>
    </message>
    <message>
        <source>“{value}” is not an encoding smallcrm knows: choose one from the list under “Characters (encoding)”.</source>
        <translation>«&#x202f;{value}&#x202f;» n’est pas un encodage que smallcrm connaît&#xa0;: choisissez-en un dans la liste «&#x202f;Caractères (encodage)&#x202f;».</translation>
    </message>
    <message>
        <source>The column names run on into the rows under them: the file&apos;s rows end at another line break. Choose “At any line break” under “Rows end”.</source>
        <translation>Les noms de colonnes se prolongent dans les lignes suivantes&#xa0;: les lignes du fichier se terminent par un autre saut de ligne. Choisissez «&#x202f;À chaque saut de ligne&#x202f;» sous «&#x202f;Fin des lignes&#x202f;».</translation>
    </message>
    <message>
        <source>“{value}” is not a country: write its two-letter code, such as FR, DE or US, under “Phone numbers from”.</source>
        <translation>«&#x202f;{value}&#x202f;» n’est pas un pays&#xa0;: écrivez son code de deux lettres, comme FR, DE ou US, dans «&#x202f;Pays des téléphones&#x202f;».</translation>
    </message>
    <message>
        <source>The file has no row {value} with column names: choose the row they are on under “Column names on row”.</source>
        <translation>Le fichier n’a pas de ligne {value} avec les noms des colonnes&#xa0;: choisissez la ligne où ils sont dans «&#x202f;Noms des colonnes en ligne&#x202f;».</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>Le fichier est vide.</translation>
    </message>
    <message>
        <source>The file has a header row and no rows under it.</source>
        <translation>Le fichier a une ligne d’en-tête et aucune ligne en dessous.</translation>
    </message>
    <message>
        <source>This is not a text file (it looks like a program, picture or spreadsheet file). Save it from your spreadsheet as CSV first.</source>
        <translation>Ce n’est pas un fichier texte (il ressemble à un programme, une image ou un classeur). Enregistrez-le d’abord au format CSV depuis votre tableur.</translation>
    </message>
    <message>
        <source>The file disappeared while it was being read (a USB stick taken out?).</source>
        <translation>Le fichier a disparu pendant sa lecture (une clé USB retirée&#xa0;?).</translation>
    </message>
    <message>
        <source>The file was saved again since it was read: go back to the summary to see what importing it does now.</source>
        <translation>Le fichier a été enregistré de nouveau depuis sa lecture&#xa0;: revenez au résumé pour voir ce que l’import ferait maintenant.</translation>
    </message>
    <message>
        <source>The file is not there any more (moved, renamed or deleted?).</source>
        <translation>Le fichier n’est plus là (déplacé, renommé ou supprimé&#xa0;?).</translation>
    </message>
    <message>
        <source>The file cannot be opened (is another program holding it, or is it a folder?).</source>
        <translation>Le fichier ne peut pas être ouvert (un autre programme le tient-il ouvert, ou est-ce un dossier&#xa0;?).</translation>
    </message>
    <message>
        <source>Some of the text cannot be read in the encoding chosen: go back to “What the file looks like” and choose another encoding.</source>
        <translation>Une partie du texte ne peut pas être lue dans l’encodage choisi&#xa0;: revenez à «&#x202f;À quoi ressemble le fichier&#x202f;» et choisissez un autre encodage.</translation>
    </message>
    <message>
        <source>One cell is far too large to be a customer field.</source>
        <translation>Une cellule est bien trop grande pour être un champ de client.</translation>
    </message>
    <message>
        <source>Row {row}.</source>
        <translation>Ligne {row}.</translation>
    </message>
    <message>
        <source>The file is not in the layout of the program chosen under “Exported by”: it has no column {columns}. Choose another, or the one detected, first in the list.</source>
        <translation>Le fichier n’a pas la forme des exports du programme choisi sous «&#xa0;Exporté par&#xa0;»&#xa0;: il n’a pas de colonne {columns}. Choisissez-en un autre, ou celui détecté, en tête de liste.</translation>
    </message>
    <message>
        <source>A quote opened in one row is never closed: the rest of the file would be read as one cell. Correct that row in the program that made the file, or choose “None: quotes are text” under “Text in quotes”.</source>
        <translation>Un guillemet ouvert dans une ligne n’est jamais fermé&#xa0;: tout le reste du fichier serait lu comme une seule cellule. Corrigez cette ligne dans le programme qui a créé le fichier, ou choisissez «&#x202f;Aucun&#xa0;: les guillemets sont du texte&#x202f;» sous «&#x202f;Texte entre guillemets&#x202f;».</translation>
    </message>
    <message>
        <source>This is a vCard file of contacts, not a list of sales: choose Customers.</source>
        <translation>C’est un fichier vCard de contacts, pas une liste de ventes&#xa0;: choisissez Clients.</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>tabulation</translation>
    </message>
    <message>
        <source>The file has more than {rows} rows, more than one import takes. Split it into smaller files (a spreadsheet can save part of the rows as CSV) and import them one after the other.</source>
        <translation>Le fichier a plus de {rows} lignes, plus qu’une importation n’en prend. Découpez-le en fichiers plus petits (un tableur peut enregistrer une partie des lignes en CSV) et importez-les l’un après l’autre.</translation>
    </message>
</context>
<context>
    <name>ImportedCustomers</name>
    <message>
        <source>The customers whose purchases import {number} ({file}) recorded, and those it added.</source>
        <translation>Les clients dont l’import {number} ({file}) a enregistré des achats, et ceux qu’il a ajoutés.</translation>
    </message>
    <message>
        <source>The customers import {number} ({file}) added or updated.</source>
        <translation>Les clients que l’import {number} ({file}) a ajoutés ou mis à jour.</translation>
    </message>
    <message>
        <source>Customers of import {number}</source>
        <translation>Clients de l’import {number}</translation>
    </message>
    <message>
        <source>List the customers this import added or changed, to look through them, open one or export them</source>
        <translation>Lister les clients que cet import a ajoutés ou modifiés, pour les parcourir, en ouvrir un ou les exporter</translation>
    </message>
</context>
<context>
    <name>LoyaltySettingsDialog</name>
    <message>
        <source>Loyalty programme</source>
        <translation>Programme de fidélité</translation>
    </message>
    <message>
        <source> point per {unit} spent</source>
        <translation> point par {unit} dépensé</translation>
    </message>
    <message>
        <source> points per {unit} spent</source>
        <translation> points par {unit} dépensé</translation>
    </message>
    <message>
        <source> point is worth {unit}</source>
        <translation> point vaut {unit}</translation>
    </message>
    <message>
        <source> points are worth {unit}</source>
        <translation> points valent {unit}</translation>
    </message>
    <message>
        <source> points</source>
        <translation> points</translation>
    </message>
    <message>
        <source> point</source>
        <translation> point</translation>
    </message>
    <message>
        <source> × points in the birthday month</source>
        <translation> × points le mois de l’anniversaire</translation>
    </message>
    <message>
        <source> point to whoever referred a new customer</source>
        <translation> point au parrain d’un nouveau client</translation>
    </message>
    <message>
        <source> points to whoever referred a new customer</source>
        <translation> points au parrain d’un nouveau client</translation>
    </message>
    <message>
        <source> months</source>
        <translation> mois</translation>
    </message>
    <message>
        <source> month</source>
        <translation> mois</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Jamais</translation>
    </message>
    <message>
        <source>Earning and spending</source>
        <translation>Gagner et utiliser</translation>
    </message>
    <message>
        <source>&amp;Earn</source>
        <translation>&amp;Gain</translation>
    </message>
    <message>
        <source>&amp;Minimum purchase to earn</source>
        <translation>Achat &amp;minimum pour gagner</translation>
    </message>
    <message>
        <source>&amp;Redeem</source>
        <translation>&amp;Utilisation</translation>
    </message>
    <message>
        <source>&amp;Welcome bonus</source>
        <translation>Bonus de &amp;bienvenue</translation>
    </message>
    <message>
        <source>&amp;Birthday bonus</source>
        <translation>Bonus d’a&amp;nniversaire</translation>
    </message>
    <message>
        <source>Re&amp;ferral bonus</source>
        <translation>Bonus de &amp;parrainage</translation>
    </message>
    <message>
        <source>Points e&amp;xpire after</source>
        <translation>Les points e&amp;xpirent après</translation>
    </message>
    <message>
        <source>Tiers, by spend over the last 12 months</source>
        <translation>Niveaux, selon les dépenses des 12 derniers mois</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <source>From ({currency})</source>
        <translation>À partir de ({currency})</translation>
    </message>
    <message>
        <source>Add tier</source>
        <translation>Ajouter un niveau</translation>
    </message>
    <message>
        <source>Remove tier</source>
        <translation>Retirer le niveau</translation>
    </message>
    <message>
        <source>A low score (NPS 0–6, CSAT 1–2) opens a complaint and a follow-up task</source>
        <translation>Une note basse (NPS 0–6, CSAT 1–2) ouvre une réclamation et une tâche de relance</translation>
    </message>
    <message>
        <source>New rules apply from now on: points already earned stay as they are.</source>
        <translation>Les nouvelles règles s’appliquent dès maintenant&#xa0;: les points déjà gagnés restent tels quels.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>{name} — smallcrm</source>
        <translation>{name} — smallcrm</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Aujourd’hui</translation>
    </message>
    <message>
        <source>Owed</source>
        <translation>Impayés</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Tableau de bord</translation>
    </message>
    <message>
        <source>Search names, emails, phones, companies, cities, tags</source>
        <translation>Rechercher noms, e-mails, téléphones, sociétés, villes, étiquettes</translation>
    </message>
    <message>
        <source>Search customers</source>
        <translation>Rechercher des clients</translation>
    </message>
    <message>
        <source>The database file: back it up to keep your customers safe</source>
        <translation>Le fichier de données&#xa0;: sauvegardez-le pour protéger vos clients</translation>
    </message>
    <message>
        <source>Welcome to smallcrm</source>
        <translation>Bienvenue dans smallcrm</translation>
    </message>
    <message>
        <source>Your customer book is empty. Add your first customer, or load {n} demo customers with purchases, calls, points and feedback to look around. Demo customers can be deleted later.</source>
        <translation>Votre fichier clients est vide. Ajoutez votre premier client, ou chargez {n} clients de démonstration avec achats, appels, points et avis pour faire le tour. Les clients de démonstration pourront être supprimés ensuite.</translation>
    </message>
    <message>
        <source>Add a customer</source>
        <translation>Ajouter un client</translation>
    </message>
    <message>
        <source>Load demo customers</source>
        <translation>Charger les clients de démo</translation>
    </message>
    <message>
        <source>&amp;New Customer…</source>
        <translation>&amp;Nouveau client…</translation>
    </message>
    <message>
        <source>Add a new customer</source>
        <translation>Ajouter un nouveau client</translation>
    </message>
    <message>
        <source>&amp;Edit Customer…</source>
        <translation>&amp;Modifier le client…</translation>
    </message>
    <message>
        <source>Change the selected customer</source>
        <translation>Modifier le client sélectionné</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>Move the selected customers to the Trash</source>
        <translation>Mettre les clients sélectionnés à la corbeille</translation>
    </message>
    <message>
        <source>Add &amp;Tag…</source>
        <translation>Ajouter une é&amp;tiquette…</translation>
    </message>
    <message>
        <source>Give the selected customers a tag</source>
        <translation>Donner une étiquette aux clients sélectionnés</translation>
    </message>
    <message>
        <source>Re&amp;move Tag…</source>
        <translation>Retirer une éti&amp;quette…</translation>
    </message>
    <message>
        <source>Take a tag off the selected customers</source>
        <translation>Retirer une étiquette aux clients sélectionnés</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>Re&amp;chercher</translation>
    </message>
    <message>
        <source>Search your customers</source>
        <translation>Rechercher parmi vos clients</translation>
    </message>
    <message>
        <source>&amp;Trash…</source>
        <translation>Co&amp;rbeille…</translation>
    </message>
    <message>
        <source>See deleted customers and restore them</source>
        <translation>Voir les clients supprimés et les restaurer</translation>
    </message>
    <message>
        <source>Load &amp;Demo Customers</source>
        <translation>Charger les clients de &amp;démo</translation>
    </message>
    <message>
        <source>Fill an empty customer book with demo customers</source>
        <translation>Remplir un fichier clients vide avec des clients de démonstration</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importer…</translation>
    </message>
    <message>
        <source>Bring in customers from a CSV file</source>
        <translation>Faire entrer des clients depuis un fichier CSV</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>Im&amp;primer…</translation>
    </message>
    <message>
        <source>Print the dashboard&apos;s summary, or the selected customer&apos;s dossier</source>
        <translation>Imprimer le résumé du tableau de bord, ou le dossier du client sélectionné</translation>
    </message>
    <message>
        <source>&amp;Export PDF…</source>
        <translation>E&amp;xporter en PDF…</translation>
    </message>
    <message>
        <source>Save the dashboard&apos;s summary, or the selected customer&apos;s dossier, as a PDF file</source>
        <translation>Enregistrer le résumé du tableau de bord, ou le dossier du client sélectionné, en fichier PDF</translation>
    </message>
    <message>
        <source>Print &amp;List…</source>
        <translation>Imprimer une &amp;liste…</translation>
    </message>
    <message>
        <source>Call lists, birthday lists, address labels and loyalty cards</source>
        <translation>Listes d’appels, listes d’anniversaires, étiquettes d’adresse et cartes de fidélité</translation>
    </message>
    <message>
        <source>Export &amp;Customers…</source>
        <translation>Exporter les &amp;clients…</translation>
    </message>
    <message>
        <source>Save the selected customers, the search&apos;s or everyone as a spreadsheet (CSV) or vCards</source>
        <translation>Enregistrer les clients sélectionnés, ceux de la recherche ou tous, en tableur (CSV) ou en vCards</translation>
    </message>
    <message>
        <source>Export P&amp;urchases…</source>
        <translation>Exporter les &amp;achats…</translation>
    </message>
    <message>
        <source>Save every purchase and refund as a spreadsheet (CSV)</source>
        <translation>Enregistrer tous les achats et remboursements en tableur (CSV)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <source>The shop&apos;s details, money and paper, phone country, loyalty and backups</source>
        <translation>Les coordonnées de la boutique, montants et papier, pays des numéros, fidélité et sauvegardes</translation>
    </message>
    <message>
        <source>&amp;Past Imports…</source>
        <translation>Imports pa&amp;ssés…</translation>
    </message>
    <message>
        <source>See and undo earlier imports</source>
        <translation>Voir et défaire les imports précédents</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;About smallcrm</source>
        <translation>À &amp;propos de smallcrm</translation>
    </message>
    <message>
        <source>&amp;Restore from Backup…</source>
        <translation>&amp;Restaurer une sauvegarde…</translation>
    </message>
    <message>
        <source>Put the customer book back as it was in a snapshot, or in a copy kept elsewhere</source>
        <translation>Remettre le fichier clients tel qu’il était dans une sauvegarde, ou dans une copie gardée ailleurs</translation>
    </message>
    <message>
        <source>Log &amp;Call…</source>
        <translation>Noter un &amp;appel…</translation>
    </message>
    <message>
        <source>Log a call, visit, email, SMS or note with this customer</source>
        <translation>Noter un appel, une visite, un e-mail, un SMS ou une note pour ce client</translation>
    </message>
    <message>
        <source>Record &amp;Purchase…</source>
        <translation>Enregistrer un a&amp;chat…</translation>
    </message>
    <message>
        <source>Record what this customer bought</source>
        <translation>Enregistrer ce que ce client a acheté</translation>
    </message>
    <message>
        <source>&amp;Redeem Points…</source>
        <translation>&amp;Utiliser des points…</translation>
    </message>
    <message>
        <source>Spend some of this customer&apos;s points</source>
        <translation>Utiliser une partie des points de ce client</translation>
    </message>
    <message>
        <source>&amp;Adjust Points…</source>
        <translation>A&amp;juster les points…</translation>
    </message>
    <message>
        <source>Add or take points, with a reason</source>
        <translation>Ajouter ou retirer des points, avec un motif</translation>
    </message>
    <message>
        <source>Record &amp;Feedback…</source>
        <translation>Recueillir un a&amp;vis…</translation>
    </message>
    <message>
        <source>Record how satisfied this customer is</source>
        <translation>Noter la satisfaction de ce client</translation>
    </message>
    <message>
        <source>&amp;Loyalty Programme…</source>
        <translation>Programme de &amp;fidélité…</translation>
    </message>
    <message>
        <source>How points are earned and spent, tiers and expiry</source>
        <translation>Comment les points sont gagnés et utilisés, niveaux et expiration</translation>
    </message>
    <message>
        <source>Open Co&amp;mplaint…</source>
        <translation>Ouvrir une &amp;réclamation…</translation>
    </message>
    <message>
        <source>Write down a complaint from this customer</source>
        <translation>Noter une réclamation de ce client</translation>
    </message>
    <message>
        <source>Points &amp;Statement…</source>
        <translation>Relevé de &amp;points…</translation>
    </message>
    <message>
        <source>Every points movement with the running balance</source>
        <translation>Chaque mouvement de points avec le solde au fur et à mesure</translation>
    </message>
    <message>
        <source>Referred &amp;By…</source>
        <translation>Recomman&amp;dé par…</translation>
    </message>
    <message>
        <source>Who brought this customer to the shop</source>
        <translation>Qui a amené ce client à la boutique</translation>
    </message>
    <message>
        <source>Everything We &amp;Hold…</source>
        <translation>&amp;Tout ce que nous détenons…</translation>
    </message>
    <message>
        <source>Save all the shop holds about this customer as a ZIP file</source>
        <translation>Enregistrer tout ce que la boutique détient sur ce client dans un fichier ZIP</translation>
    </message>
    <message>
        <source>Erase Customer…</source>
        <translation>Effacer le client…</translation>
    </message>
    <message>
        <source>Remove this customer&apos;s details for good; purchases stay</source>
        <translation>Effacer définitivement les informations de ce client&#x202f;; les achats restent</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <source>&amp;Customer</source>
        <translation>&amp;Client</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Outils</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Barre d’outils principale</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>An import is being undone. Quit once it is done, in a few seconds.</source>
        <translation>Un import est en train d’être défait. Quittez une fois que c’est fini, dans quelques secondes.</translation>
    </message>
    <message>
        <source>An import is under way. Stop it and quit? Nothing of it is kept: import the file again later.</source>
        <translation>Un import est en cours. L’arrêter et quitter&#xa0;? Rien n’en est gardé&#xa0;: importez le fichier de nouveau plus tard.</translation>
    </message>
    <message>
        <source>The first {shown} of {matches} customers matching “{search}” — type more to narrow it down</source>
        <translation>Les {shown} premiers des {matches} clients correspondant à «&#x202f;{search}&#x202f;» — tapez la suite pour affiner</translation>
    </message>
    <message>
        <source>{shown} of {total} match “{search}”</source>
        <translation>{shown} sur {total} correspondent à «&#x202f;{search}&#x202f;»</translation>
    </message>
    <message>
        <source>1 customer</source>
        <translation>1 client</translation>
    </message>
    <message>
        <source>{n} customers</source>
        <translation>{n} clients</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>Nouveau client</translation>
    </message>
    <message>
        <source>Add {name}</source>
        <translation>Ajouter {name}</translation>
    </message>
    <message>
        <source>Added {name}.</source>
        <translation>{name} ajouté.</translation>
    </message>
    <message>
        <source>Edit {name}</source>
        <translation>Modifier {name}</translation>
    </message>
    <message>
        <source>{name} had been changed meanwhile; those changes were kept too: {parts}.</source>
        <translation>La fiche de {name} avait été modifiée entre-temps&#xa0;; ces modifications ont été gardées aussi&#xa0;: {parts}.</translation>
    </message>
    <message>
        <source>Changed meanwhile</source>
        <translation>Modifié entre-temps</translation>
    </message>
    <message>
        <source>While you were editing {name}, this was changed elsewhere too (an import, or the command line): {parts}.</source>
        <translation>Pendant que vous modifiiez la fiche de {name}, ceci a aussi été modifié ailleurs (une importation ou la ligne de commande)&#xa0;: {parts}.</translation>
    </message>
    <message>
        <source>Save what you typed over it, or keep what is there now? The rest of what you changed is saved either way.</source>
        <translation>Enregistrer ce que vous avez saisi à la place, ou garder ce qui s’y trouve maintenant&#xa0;? Le reste de vos modifications est enregistré dans les deux cas.</translation>
    </message>
    <message>
        <source>Save mine</source>
        <translation>Enregistrer ma version</translation>
    </message>
    <message>
        <source>Keep what is there</source>
        <translation>Garder ce qui s’y trouve</translation>
    </message>
    <message>
        <source>Delete {contacts}</source>
        <translation>Supprimer {contacts}</translation>
    </message>
    <message>
        <source>Moved {contacts} to the Trash. Undo with {keys}.</source>
        <translation>{contacts} mis à la corbeille. Annulez avec {keys}.</translation>
    </message>
    <message>
        <source>Add Tag</source>
        <translation>Ajouter une étiquette</translation>
    </message>
    <message>
        <source>Tag for {contacts}:</source>
        <translation>Étiquette pour {contacts}&#xa0;:</translation>
    </message>
    <message>
        <source>The selected customers have no tags.</source>
        <translation>Les clients sélectionnés n’ont aucune étiquette.</translation>
    </message>
    <message>
        <source>Remove Tag</source>
        <translation>Retirer une étiquette</translation>
    </message>
    <message>
        <source>Tag to take off {contacts}:</source>
        <translation>Étiquette à retirer à {contacts}&#xa0;:</translation>
    </message>
    <message>
        <source>One of the book&apos;s tags, or a new one</source>
        <translation>Une étiquette existante, ou une nouvelle</translation>
    </message>
    <message>
        <source>Tag {contacts} “{tag}”</source>
        <translation>Étiqueter {contacts} «&#x202f;{tag}&#x202f;»</translation>
    </message>
    <message>
        <source>Take “{tag}” off {contacts}</source>
        <translation>Retirer «&#x202f;{tag}&#x202f;» à {contacts}</translation>
    </message>
    <message>
        <source>Tagged {contacts} “{tag}”.</source>
        <translation>Étiquette «&#x202f;{tag}&#x202f;» donnée à {contacts}.</translation>
    </message>
    <message>
        <source>The selected customers already have “{tag}”.</source>
        <translation>Les clients sélectionnés ont déjà «&#x202f;{tag}&#x202f;».</translation>
    </message>
    <message>
        <source>Took “{tag}” off {contacts}.</source>
        <translation>Étiquette «&#x202f;{tag}&#x202f;» retirée à {contacts}.</translation>
    </message>
    <message>
        <source>No selected customer has “{tag}”.</source>
        <translation>Aucun client sélectionné n’a «&#x202f;{tag}&#x202f;».</translation>
    </message>
    <message>
        <source>Restore from Trash</source>
        <translation>Restaurer depuis la corbeille</translation>
    </message>
    <message>
        <source>Restored from {file}: {contacts}.</source>
        <translation>Restauré depuis {file}&#xa0;: {contacts}.</translation>
    </message>
    <message>
        <source>About smallcrm</source>
        <translation>À propos de smallcrm</translation>
    </message>
    <message>
        <source>&lt;h3&gt;smallcrm {version}&lt;/h3&gt;&lt;p&gt;Customers, calls, purchases, loyalty points and satisfaction for a small shop, kept in one file on this computer. No server, no account.&lt;/p&gt;&lt;p&gt;Your database: {path}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;smallcrm {version}&lt;/h3&gt;&lt;p&gt;Clients, appels, achats, points de fidélité et satisfaction pour une petite boutique, gardés dans un seul fichier sur cet ordinateur. Pas de serveur, pas de compte.&lt;/p&gt;&lt;p&gt;Votre fichier de données&#xa0;: {path}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Logged for {name}.</source>
        <translation>Noté pour {name}.</translation>
    </message>
    <message>
        <source>Purchase of {total} recorded for {name}; {points} points earned.</source>
        <translation>Achat de {total} enregistré pour {name}&#x202f;; {points} points gagnés.</translation>
    </message>
    <message>
        <source>Points redeemed for {name}.</source>
        <translation>Points utilisés pour {name}.</translation>
    </message>
    <message>
        <source>Points adjusted for {name}.</source>
        <translation>Points ajustés pour {name}.</translation>
    </message>
    <message>
        <source>Feedback recorded for {name}; a complaint and a follow-up task were opened.</source>
        <translation>Avis enregistré pour {name}&#x202f;; une réclamation et une tâche de relance ont été ouvertes.</translation>
    </message>
    <message>
        <source>Feedback recorded for {name}.</source>
        <translation>Avis enregistré pour {name}.</translation>
    </message>
    <message>
        <source>Complaint from {name} written down.</source>
        <translation>Réclamation de {name} notée.</translation>
    </message>
    <message>
        <source>Saved who referred {name}.</source>
        <translation>Parrain de {name} enregistré.</translation>
    </message>
    <message>
        <source>1 point passed its date and expired.</source>
        <translation>1 point a dépassé sa date et a expiré.</translation>
    </message>
    <message>
        <source>{n} points passed their date and expired.</source>
        <translation>{n} points ont dépassé leur date et ont expiré.</translation>
    </message>
    <message>
        <source>Today&apos;s snapshot of your data was saved in {folder}.</source>
        <translation>La sauvegarde du jour de vos données a été enregistrée dans {folder}.</translation>
    </message>
    <message>
        <source>Today&apos;s snapshot of your data could not be saved ({why}). Nothing is lost; check that the backup folder is there and has room, or run `smallcrm backup`.</source>
        <translation>La sauvegarde du jour de vos données n’a pas pu être enregistrée ({why}). Rien n’est perdu&#x202f;; vérifiez que le dossier de sauvegarde est là et qu’il reste de la place, ou lancez `smallcrm backup`.</translation>
    </message>
    <message>
        <source>Today ({n})</source>
        <translation>Aujourd’hui ({n})</translation>
    </message>
    <message>
        <source>Summary {start} to {end}</source>
        <translation>Résumé du {start} au {end}</translation>
    </message>
    <message>
        <source>Dossier of {name}</source>
        <translation>Dossier de {name}</translation>
    </message>
    <message>
        <source>{name} dossier</source>
        <translation>Dossier {name}</translation>
    </message>
    <message>
        <source>{n} files were dropped: importing {file} first. Drop the others one at a time.</source>
        <translation>{n}&#xa0;fichiers déposés&#xa0;: import de {file} d’abord. Déposez les autres un par un.</translation>
    </message>
    <message>
        <source>Creating demo customers…</source>
        <translation>Création des clients de démonstration…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Demo customers</source>
        <translation>Clients de démonstration</translation>
    </message>
    <message>
        <source>Added {n} demo customers with their purchases, calls, points and feedback.</source>
        <translation>{n} clients de démonstration ajoutés, avec leurs achats, appels, points et avis.</translation>
    </message>
    <message>
        <source>Demo customers were not added.</source>
        <translation>Les clients de démonstration n’ont pas été ajoutés.</translation>
    </message>
    <message>
        <source>Demo customers can only go into an empty customer book; this one holds {n} customers.</source>
        <translation>Les clients de démonstration ne peuvent aller que dans un fichier clients vide&#x202f;; celui-ci contient {n} clients.</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>Which column goes where</source>
        <translation>Quelle colonne va où</translation>
    </message>
    <message>
        <source>Change a column&apos;s field with its drop-down. Below: the first rows exactly as they will be stored.</source>
        <translation>Changez le champ d’une colonne avec sa liste déroulante. En dessous&#xa0;: les premières lignes exactement comme elles seront enregistrées.</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Colonne</translation>
    </message>
    <message>
        <source>Goes to</source>
        <translation>Va dans</translation>
    </message>
    <message>
        <source>Save this &amp;mapping…</source>
        <translation>Enregistrer cette &amp;correspondance…</translation>
    </message>
    <message>
        <source>Use a saved mapping</source>
        <translation>Utiliser une correspondance enregistrée</translation>
    </message>
    <message>
        <source>Find each row&apos;s customer by</source>
        <translation>Trouver le client de chaque ligne par</translation>
    </message>
    <message>
        <source>Currency of rows without one</source>
        <translation>Devise des lignes qui n’en ont pas</translation>
    </message>
    <message>
        <source>Find each row&apos;s &amp;customer by</source>
        <translation>Trouver le &amp;client de chaque ligne par</translation>
    </message>
    <message>
        <source>C&amp;urrency of rows without one</source>
        <translation>&amp;Devise des lignes qui n’en ont pas</translation>
    </message>
    <message>
        <source>Field for column {header}</source>
        <translation>Champ de la colonne {header}</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <source>Will</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>(ignore)</source>
        <translation>(ignorer)</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Last name prefix (van, de)</source>
        <translation>Particule du nom (van, de)</translation>
    </message>
    <message>
        <source>Second last name</source>
        <translation>Second nom de famille</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Rue</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>Code postal</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Région</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origine</translation>
    </message>
    <message>
        <source>Keep in notes</source>
        <translation>Garder dans les notes</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Nom complet</translation>
    </message>
    <message>
        <source>Street, line 2</source>
        <translation>Rue, ligne 2</translation>
    </message>
    <message>
        <source>House number</source>
        <translation>Numéro dans la rue</translation>
    </message>
    <message>
        <source>Birth year</source>
        <translation>Année de naissance</translation>
    </message>
    <message>
        <source>Birth month</source>
        <translation>Mois de naissance</translation>
    </message>
    <message>
        <source>Birth day</source>
        <translation>Jour de naissance</translation>
    </message>
    <message>
        <source>Id in the other program</source>
        <translation>Identifiant dans l’autre logiciel</translation>
    </message>
    <message>
        <source>Email consent</source>
        <translation>Consentement e-mail</translation>
    </message>
    <message>
        <source>SMS consent</source>
        <translation>Consentement SMS</translation>
    </message>
    <message>
        <source>How they agreed to marketing</source>
        <translation>Comment la personne a accepté les offres</translation>
    </message>
    <message>
        <source>How they agreed to email</source>
        <translation>Comment la personne a accepté les e-mails</translation>
    </message>
    <message>
        <source>How they agreed to SMS</source>
        <translation>Comment la personne a accepté les SMS</translation>
    </message>
    <message>
        <source>When they agreed to email</source>
        <translation>Date de l’accord pour les e-mails</translation>
    </message>
    <message>
        <source>When they agreed to SMS</source>
        <translation>Date de l’accord pour les SMS</translation>
    </message>
    <message>
        <source>Unsubscribed from emails (when)</source>
        <translation>Désabonné des e-mails (quand)</translation>
    </message>
    <message>
        <source>Unsubscribed from SMS (when)</source>
        <translation>Désabonné des SMS (quand)</translation>
    </message>
    <message>
        <source>Whatever each row has (email, customer id, phone, name)</source>
        <translation>Ce que chaque ligne indique (e-mail, n° client, téléphone, nom)</translation>
    </message>
    <message>
        <source>Customer id from the file</source>
        <translation>Identifiant client du fichier</translation>
    </message>
    <message>
        <source>Date (and time)</source>
        <translation>Date (et heure)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Kind of row (sale, refund, withdrawal…)</source>
        <translation>Genre de ligne (vente, remboursement, retrait…)</translation>
    </message>
    <message>
        <source>Amount refunded</source>
        <translation>Montant remboursé</translation>
    </message>
    <message>
        <source>Amount left after refunds</source>
        <translation>Montant restant après remboursements</translation>
    </message>
    <message>
        <source>Voided (yes or no)</source>
        <translation>Annulée (oui ou non)</translation>
    </message>
    <message>
        <source>Amount still owed</source>
        <translation>Montant restant dû</translation>
    </message>
    <message>
        <source>Paid (yes or no, or how much)</source>
        <translation>Payé (oui ou non, ou combien)</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Date d’échéance</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <source>Discount on the line (amount or %)</source>
        <translation>Remise sur la ligne (montant ou %)</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Devise</translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation>Moyen de paiement</translation>
    </message>
    <message>
        <source>Till (register)</source>
        <translation>Caisse</translation>
    </message>
    <message>
        <source>Purchase number (on each of its rows)</source>
        <translation>Numéro d’achat (sur chacune de ses lignes)</translation>
    </message>
    <message>
        <source>Refund of (the purchase number it pays back)</source>
        <translation>Remboursement de (le numéro de l’achat remboursé)</translation>
    </message>
    <message>
        <source>Customer&apos;s first name</source>
        <translation>Prénom du client</translation>
    </message>
    <message>
        <source>Customer&apos;s last name</source>
        <translation>Nom du client</translation>
    </message>
    <message>
        <source>Customer&apos;s last name prefix (van, de)</source>
        <translation>Particule du nom du client (van, de)</translation>
    </message>
    <message>
        <source>Customer&apos;s country</source>
        <translation>Pays du client</translation>
    </message>
    <message>
        <source>Receipt or invoice number</source>
        <translation>Numéro de ticket ou de facture</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Prix unitaire</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>Payment status</source>
        <translation>État du paiement</translation>
    </message>
    <message>
        <source>Customer&apos;s email</source>
        <translation>E-mail du client</translation>
    </message>
    <message>
        <source>Customer&apos;s phone</source>
        <translation>Téléphone du client</translation>
    </message>
    <message>
        <source>Customer id</source>
        <translation>Identifiant client</translation>
    </message>
    <message>
        <source>Customer&apos;s name</source>
        <translation>Nom du client</translation>
    </message>
    <message>
        <source>Column {number}</source>
        <translation>Colonne {number}</translation>
    </message>
    <message>
        <source>Field for column {number}</source>
        <translation>Champ de la colonne {number}</translation>
    </message>
    <message>
        <source>(kind of {column})</source>
        <translation>(type de {column})</translation>
    </message>
    <message>
        <source>same as row {n} ({why})</source>
        <translation>identique à la ligne {n} ({why})</translation>
    </message>
    <message>
        <source>same as customer #{id} ({why})</source>
        <translation>identique au client n° {id} ({why})</translation>
    </message>
    <message>
        <source>erased at their request: not added again</source>
        <translation>effacé à sa demande&#xa0;: pas ajouté à nouveau</translation>
    </message>
    <message>
        <source>join</source>
        <translation>joindre</translation>
    </message>
    <message>
        <source>The file has no row of column names: choose above which column holds the name, the email or the phone, and what the others hold.</source>
        <translation>Le fichier n’a pas de ligne de noms de colonnes&#xa0;: choisissez ci-dessus la colonne du nom, de l’e-mail ou du téléphone, et ce que contiennent les autres.</translation>
    </message>
    <message>
        <source>No column goes to a name, company, email or phone, so no row can become a customer. Choose one above; or, if the column names are a customer&apos;s, go Back: the file has no row of column names: choose “None” under “Column names on row”.</source>
        <translation>Aucune colonne ne va à un nom, une entreprise, un e-mail ou un téléphone&#xa0;: aucune ligne ne peut devenir un client. Choisissez-en une ci-dessus&#xa0;; ou, si les noms des colonnes sont ceux d’un client, revenez en arrière&#xa0;: le fichier n’a pas de ligne de noms de colonnes, choisissez «&#x202f;Aucune&#x202f;» sous «&#x202f;Noms des colonnes en ligne&#x202f;».</translation>
    </message>
    <message>
        <source>Purchases to record: {purchases} (refunds: {refunds}). To skip: {skip}. Rows to reject: {reject}. New customers: {customers}.</source>
        <translation>Achats à enregistrer&#xa0;: {purchases} (remboursements&#xa0;: {refunds}). À ignorer&#xa0;: {skip}. Lignes à rejeter&#xa0;: {reject}. Nouveaux clients&#xa0;: {customers}.</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Société</translation>
    </message>
    <message>
        <source>Emails</source>
        <translation>E-mails</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>Téléphones</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>Anniversaire</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Lignes</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>For example</source>
        <translation>Par exemple</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>Day first (31/12/1980)</source>
        <translation>Jour d’abord (31/12/1980)</translation>
    </message>
    <message>
        <source>Month first (12/31/1980)</source>
        <translation>Mois d’abord (12/31/1980)</translation>
    </message>
    <message>
        <source>Dates in “{header}” are written</source>
        <translation>Les dates de «&#x202f;{header}&#x202f;» sont écrites</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>Lecture du fichier…</translation>
    </message>
    <message>
        <source>Say above how the dates are written: the values could be read either way.</source>
        <translation>Indiquez ci-dessus comment les dates sont écrites&#xa0;: les valeurs peuvent se lire dans les deux sens.</translation>
    </message>
    <message>
        <source>{reason}: “{value}”</source>
        <translation>{reason}&#xa0;: «&#x202f;{value}&#x202f;»</translation>
    </message>
    <message>
        <source>same as {who} ({why})</source>
        <translation>identique à {who} ({why})</translation>
    </message>
    <message>
        <source>add</source>
        <translation>ajouter</translation>
    </message>
    <message>
        <source>update</source>
        <translation>mettre à jour</translation>
    </message>
    <message>
        <source>skip</source>
        <translation>ignorer</translation>
    </message>
    <message>
        <source>reject</source>
        <translation>rejeter</translation>
    </message>
    <message>
        <source>{rows} rows: {create} to add, {update} to update, {skip} to skip, {reject} to reject.</source>
        <translation>{rows} lignes&#xa0;: {create} à ajouter, {update} à mettre à jour, {skip} à ignorer, {reject} à rejeter.</translation>
    </message>
    <message>
        <source>record</source>
        <translation>enregistrer</translation>
    </message>
    <message>
        <source>refund</source>
        <translation>rembourser</translation>
    </message>
    <message>
        <source>mark paid</source>
        <translation>marquer payé</translation>
    </message>
    <message>
        <source>Double-click a rejected row to correct it.</source>
        <translation>Double-cliquez sur une ligne rejetée pour la corriger.</translation>
    </message>
    <message>
        <source>no customer</source>
        <translation>aucun client</translation>
    </message>
    <message>
        <source>new customer: {key}</source>
        <translation>nouveau client&#xa0;: {key}</translation>
    </message>
    <message>
        <source>not found: {key}</source>
        <translation>introuvable&#xa0;: {key}</translation>
    </message>
    <message>
        <source>Use a saved mapping…</source>
        <translation>Utiliser une correspondance enregistrée…</translation>
    </message>
    <message>
        <source>Save mapping</source>
        <translation>Enregistrer la correspondance</translation>
    </message>
    <message>
        <source>Name for this mapping:</source>
        <translation>Nom de cette correspondance&#xa0;:</translation>
    </message>
</context>
<context>
    <name>MoveTaskDialog</name>
    <message>
        <source>Move a follow-up</source>
        <translation>Déplacer une relance</translation>
    </message>
    <message>
        <source>&amp;Follow up on</source>
        <translation>&amp;Relancer le</translation>
    </message>
</context>
<context>
    <name>OwedView</name>
    <message>
        <source>Money owed</source>
        <translation>Sommes dues</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Purchase</source>
        <translation>Achat</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Depuis</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <source>Owed</source>
        <translation>Impayés</translation>
    </message>
    <message>
        <source>&amp;Open customer</source>
        <translation>&amp;Ouvrir la fiche</translation>
    </message>
    <message>
        <source>Mark &amp;paid</source>
        <translation>Marquer &amp;payé</translation>
    </message>
    <message>
        <source>Record p&amp;ayment…</source>
        <translation>Enregistrer un &amp;règlement…</translation>
    </message>
    <message>
        <source>&amp;Write off…</source>
        <translation>Passer en &amp;perte…</translation>
    </message>
    <message>
        <source>{n} days late</source>
        <translation>{n} jours de retard</translation>
    </message>
    <message>
        <source>1 day late</source>
        <translation>1 jour de retard</translation>
    </message>
    <message>
        <source>(no customer)</source>
        <translation>(aucun client)</translation>
    </message>
    <message>
        <source>Nobody owes anything.</source>
        <translation>Personne ne doit rien.</translation>
    </message>
    <message>
        <source>1 unpaid purchase, {total} in all.</source>
        <translation>1 achat impayé, {total} au total.</translation>
    </message>
    <message>
        <source>{n} unpaid purchases, {total} in all.</source>
        <translation>{n} achats impayés, {total} au total.</translation>
    </message>
    <message>
        <source>The {n} oldest are listed.</source>
        <translation>Les {n} plus anciens sont affichés.</translation>
    </message>
    <message>
        <source>Write off?</source>
        <translation>Passer en perte&#x202f;?</translation>
    </message>
    <message>
        <source>Write off what {name} owes on purchase {ref}? It stops counting as owed, and the points it earned are taken back.</source>
        <translation>Passer en perte ce que {name} doit sur l’achat {ref}&#x202f;? Il ne comptera plus comme dû, et les points qu’il a rapportés sont repris.</translation>
    </message>
</context>
<context>
    <name>PastImportsDialog</name>
    <message>
        <source>Past imports</source>
        <translation>Imports passés</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Ajoutés</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Mis à jour</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Ignorés</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rejetés</translation>
    </message>
    <message>
        <source>New customers</source>
        <translation>Nouveaux clients</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Tags given</source>
        <translation>Étiquettes données</translation>
    </message>
    <message>
        <source>&amp;Undo this import</source>
        <translation>&amp;Défaire cet import</translation>
    </message>
    <message>
        <source>&amp;Show its customers…</source>
        <translation>&amp;Voir ses clients…</translation>
    </message>
    <message>
        <source>undone</source>
        <translation>défait</translation>
    </message>
    <message>
        <source>done</source>
        <translation>terminé</translation>
    </message>
    <message>
        <source>not finished</source>
        <translation>inachevé</translation>
    </message>
    <message>
        <source>{updated} (rows joined: {joined})</source>
        <translation>{updated} (lignes jointes&#xa0;: {joined})</translation>
    </message>
    <message>
        <source>Nothing has been imported yet.</source>
        <translation>Rien n’a encore été importé.</translation>
    </message>
    <message>
        <source>customers</source>
        <translation>clients</translation>
    </message>
    <message>
        <source>purchases</source>
        <translation>achats</translation>
    </message>
    <message>
        <source>Select an import to undo it.</source>
        <translation>Sélectionnez un import pour le défaire.</translation>
    </message>
    <message>
        <source>Import {number} was undone on {when}: nothing of it is left to undo.</source>
        <translation>L’import {number} a été défait le {when}&#xa0;: il n’en reste rien à défaire.</translation>
    </message>
    <message>
        <source>Import {number} did not finish: nothing of it was kept.</source>
        <translation>L’import {number} ne s’est pas terminé&#xa0;: rien n’en a été gardé.</translation>
    </message>
    <message>
        <source>Undoing the import of {file}…</source>
        <translation>L’import de {file} est en train d’être défait…</translation>
    </message>
    <message>
        <source>Import of {file} undone. Purchases removed, with their points: {purchases}. New customers removed: {removed}.</source>
        <translation>Import de {file} défait. Achats retirés, avec leurs points&#xa0;: {purchases}. Nouveaux clients retirés&#xa0;: {removed}.</translation>
    </message>
    <message>
        <source>Import of {file} undone. Customers it added, removed: {removed}.</source>
        <translation>Import de {file} défait. Clients qu’il avait ajoutés, retirés&#xa0;: {removed}.</translation>
    </message>
    <message>
        <source>Customers it updated, put back as they were: {restored}.</source>
        <translation>Clients qu’il avait modifiés, remis comme avant&#xa0;: {restored}.</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <source>Record a payment</source>
        <translation>Enregistrer un règlement</translation>
    </message>
    <message>
        <source>Amount paid</source>
        <translation>Montant payé</translation>
    </message>
    <message>
        <source>{owed} owed on purchase {ref}.</source>
        <translation>{owed} dû sur l’achat {ref}.</translation>
    </message>
    <message>
        <source>&amp;Amount paid</source>
        <translation>&amp;Montant payé</translation>
    </message>
    <message>
        <source>Pay between {low} and {high}.</source>
        <translation>Réglez entre {low} et {high}.</translation>
    </message>
</context>
<context>
    <name>PeriodPicker</name>
    <message>
        <source>This month</source>
        <translation>Ce mois-ci</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>Le mois dernier</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>30 derniers jours</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>90 derniers jours</translation>
    </message>
    <message>
        <source>This quarter</source>
        <translation>Ce trimestre</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>Cette année</translation>
    </message>
    <message>
        <source>Last year</source>
        <translation>L’année dernière</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>12 derniers mois</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Période</translation>
    </message>
    <message>
        <source>Custom range</source>
        <translation>Période personnalisée</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>Premier jour</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Dernier jour</translation>
    </message>
    <message>
        <source>The first day is after the last day.</source>
        <translation>Le premier jour est après le dernier.</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Période&#xa0;:</translation>
    </message>
</context>
<context>
    <name>PointsDialog</name>
    <message>
        <source>Adjust points</source>
        <translation>Ajuster les points</translation>
    </message>
    <message>
        <source>Redeem points</source>
        <translation>Utiliser des points</translation>
    </message>
    <message>
        <source>{n} points available (worth {value})</source>
        <translation>{n} points disponibles (valant {value})</translation>
    </message>
    <message>
        <source>1 point available (worth {value})</source>
        <translation>1 point disponible (valant {value})</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>why (required)</source>
        <translation>motif (obligatoire)</translation>
    </message>
    <message>
        <source>e.g. Voucher at the till</source>
        <translation>p. ex. Bon d’achat en caisse</translation>
    </message>
    <message>
        <source>&amp;Points</source>
        <translation>&amp;Points</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Motif</translation>
    </message>
    <message>
        <source>Worth {value}</source>
        <translation>Valeur&#xa0;: {value}</translation>
    </message>
    <message>
        <source>Choose how many points.</source>
        <translation>Choisissez le nombre de points.</translation>
    </message>
    <message>
        <source>Say why the points change.</source>
        <translation>Indiquez pourquoi les points changent.</translation>
    </message>
</context>
<context>
    <name>PrintListDialog</name>
    <message>
        <source>Print list</source>
        <translation>Imprimer une liste</translation>
    </message>
    <message>
        <source>What to print</source>
        <translation>Quoi imprimer</translation>
    </message>
    <message>
        <source>&amp;Call list: names, phone numbers and room for notes</source>
        <translation>Liste d’&amp;appels&#xa0;: noms, numéros de téléphone et place pour des notes</translation>
    </message>
    <message>
        <source>&amp;Birthday list: everyone with a birthday in one month</source>
        <translation>Liste des a&amp;nniversaires&#xa0;: tous ceux qui fêtent leur anniversaire dans un mois donné</translation>
    </message>
    <message>
        <source>Mailing &amp;labels: postal addresses on label sheets</source>
        <translation>É&amp;tiquettes de courrier&#xa0;: adresses postales sur planches d’étiquettes</translation>
    </message>
    <message>
        <source>Loyalty car&amp;ds: one card per customer, with their points</source>
        <translation>Cartes de &amp;fidélité&#xa0;: une carte par client, avec ses points</translation>
    </message>
    <message>
        <source>For whom</source>
        <translation>Pour qui</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>Reading the segments…</source>
        <translation>Lecture des segments…</translation>
    </message>
    <message>
        <source>L7160: A4 sheets of 21 labels (63.5 × 38.1 mm)</source>
        <translation>L7160&#xa0;: planches A4 de 21 étiquettes (63,5 × 38,1 mm)</translation>
    </message>
    <message>
        <source>5160: Letter sheets of 30 labels (2⅝ × 1 in)</source>
        <translation>5160&#xa0;: planches Letter de 30 étiquettes (2⅝ × 1 po)</translation>
    </message>
    <message>
        <source>Only those who agreed to marketing by SMS</source>
        <translation>Seulement ceux qui acceptent les offres par SMS</translation>
    </message>
    <message>
        <source>Only those who agreed to marketing by email</source>
        <translation>Seulement ceux qui acceptent les offres par e-mail</translation>
    </message>
    <message>
        <source>Everyone, whether or not they agreed to marketing</source>
        <translation>Tout le monde, qu’ils aient accepté ou non les offres</translation>
    </message>
    <message>
        <source>&amp;Include</source>
        <translation>&amp;Inclure</translation>
    </message>
    <message>
        <source>&amp;Month</source>
        <translation>&amp;Mois</translation>
    </message>
    <message>
        <source>Label s&amp;heets</source>
        <translation>&amp;Planches d’étiquettes</translation>
    </message>
    <message>
        <source>&amp;Preview / Print…</source>
        <translation>A&amp;perçu / Imprimer…</translation>
    </message>
    <message>
        <source>&amp;Export PDF…</source>
        <translation>E&amp;xporter en PDF…</translation>
    </message>
    <message>
        <source>1 customer</source>
        <translation>1 client</translation>
    </message>
    <message>
        <source>{n} customers</source>
        <translation>{n} clients</translation>
    </message>
    <message>
        <source>The &amp;selected customers ({n})</source>
        <translation>Les clients &amp;sélectionnés ({n})</translation>
    </message>
    <message>
        <source>The &amp;selected customers (none are selected)</source>
        <translation>Les clients &amp;sélectionnés (aucun n’est sélectionné)</translation>
    </message>
    <message>
        <source>The customers &amp;found by the search (there is no search)</source>
        <translation>Les clients &amp;trouvés par la recherche (il n’y a pas de recherche)</translation>
    </message>
    <message>
        <source>The customers &amp;found by “{search}”</source>
        <translation>Les clients &amp;trouvés par «&#x202f;{search}&#x202f;»</translation>
    </message>
    <message>
        <source>The customers &amp;found by “{search}” ({n})</source>
        <translation>Les clients &amp;trouvés par «&#x202f;{search}&#x202f;» ({n})</translation>
    </message>
    <message>
        <source>A se&amp;gment</source>
        <translation>Un se&amp;gment</translation>
    </message>
    <message>
        <source>Every&amp;one</source>
        <translation>T&amp;ous</translation>
    </message>
    <message>
        <source>Every&amp;one ({n})</source>
        <translation>T&amp;ous ({n})</translation>
    </message>
    <message>
        <source>{segment} ({n})</source>
        <translation>{segment} ({n})</translation>
    </message>
    <message>
        <source>The segments could not be read</source>
        <translation>Les segments n’ont pas pu être lus</translation>
    </message>
    <message>
        <source>Counting the customers…</source>
        <translation>Comptage des clients…</translation>
    </message>
    <message>
        <source>{customers} with a birthday in {month}.</source>
        <translation>{customers} avec un anniversaire en {month}.</translation>
    </message>
    <message>
        <source>{customers} on the call list.</source>
        <translation>{customers} sur la liste d’appels.</translation>
    </message>
    <message>
        <source>Labels for {customers}.</source>
        <translation>Étiquettes pour {customers}.</translation>
    </message>
    <message>
        <source>Loyalty cards for {customers}.</source>
        <translation>Cartes de fidélité pour {customers}.</translation>
    </message>
    <message>
        <source>1 other has not agreed to this.</source>
        <translation>1 autre ne l’a pas accepté.</translation>
    </message>
    <message>
        <source>{n} others have not agreed to this.</source>
        <translation>{n} autres ne l’ont pas accepté.</translation>
    </message>
    <message>
        <source>Nothing to print: none of these customers has agreed to this. Choose another option under Include.</source>
        <translation>Rien à imprimer&#xa0;: aucun de ces clients ne l’a accepté. Choisissez une autre option sous Inclure.</translation>
    </message>
    <message>
        <source>Nothing to print: no customer has a birthday in {month}.</source>
        <translation>Rien à imprimer&#xa0;: aucun client n’a son anniversaire en {month}.</translation>
    </message>
    <message>
        <source>Nothing to print: select customers in the list first, or choose others.</source>
        <translation>Rien à imprimer&#xa0;: sélectionnez d’abord des clients dans la liste, ou choisissez-en d’autres.</translation>
    </message>
    <message>
        <source>Nothing to print: the search finds no customer.</source>
        <translation>Rien à imprimer&#xa0;: la recherche ne trouve aucun client.</translation>
    </message>
    <message>
        <source>Nothing to print: no customer is in this segment.</source>
        <translation>Rien à imprimer&#xa0;: aucun client dans ce segment.</translation>
    </message>
    <message>
        <source>Nothing to print: there are no customers yet.</source>
        <translation>Rien à imprimer&#xa0;: il n’y a encore aucun client.</translation>
    </message>
    <message>
        <source>Selected customers</source>
        <translation>Clients sélectionnés</translation>
    </message>
    <message>
        <source>Customers found by “{search}”</source>
        <translation>Clients trouvés par «&#x202f;{search}&#x202f;»</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>Tous</translation>
    </message>
    <message>
        <source>{whom}, who agreed to marketing by SMS</source>
        <translation>{whom}, qui acceptent les offres par SMS</translation>
    </message>
    <message>
        <source>{whom}, who agreed to marketing by email</source>
        <translation>{whom}, qui acceptent les offres par e-mail</translation>
    </message>
    <message>
        <source>Birthdays in {month}</source>
        <translation>Anniversaires en {month}</translation>
    </message>
    <message>
        <source>Call list: {whom}</source>
        <translation>Liste d’appels&#xa0;: {whom}</translation>
    </message>
    <message>
        <source>Mailing labels: {whom}</source>
        <translation>Étiquettes de courrier&#xa0;: {whom}</translation>
    </message>
    <message>
        <source>Loyalty cards: {whom}</source>
        <translation>Cartes de fidélité&#xa0;: {whom}</translation>
    </message>
</context>
<context>
    <name>PurchaseDialog</name>
    <message>
        <source>Record a purchase</source>
        <translation>Enregistrer un achat</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Qté</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Prix unitaire</translation>
    </message>
    <message>
        <source>Line items</source>
        <translation>Articles</translation>
    </message>
    <message>
        <source>the total, when there are no line items</source>
        <translation>le total, quand il n’y a pas d’articles</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Carte</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Espèces</translation>
    </message>
    <message>
        <source>Bank transfer</source>
        <translation>Virement</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <source>receipt or invoice number</source>
        <translation>numéro de ticket ou de facture</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Payé</translation>
    </message>
    <message>
        <source>To be paid by</source>
        <translation>À payer avant le</translation>
    </message>
    <message>
        <source>&amp;When</source>
        <translation>&amp;Quand</translation>
    </message>
    <message>
        <source>&amp;Items</source>
        <translation>A&amp;rticles</translation>
    </message>
    <message>
        <source>&amp;Total</source>
        <translation>&amp;Total</translation>
    </message>
    <message>
        <source>C&amp;urrency</source>
        <translation>&amp;Devise</translation>
    </message>
    <message>
        <source>&amp;Payment</source>
        <translation>&amp;Paiement</translation>
    </message>
    <message>
        <source>&amp;Reference</source>
        <translation>Ré&amp;férence</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>row {n}: the quantity is a whole number above 0</source>
        <translation>ligne {n}&#xa0;: la quantité est un nombre entier supérieur à 0</translation>
    </message>
    <message>
        <source>Give line items or a total above zero.</source>
        <translation>Indiquez des articles ou un total supérieur à zéro.</translation>
    </message>
    <message>
        <source>Total {total} · earns no points: points are earned in {shop}</source>
        <translation>Total {total} · ne rapporte pas de points&#xa0;: les points se gagnent en {shop}</translation>
    </message>
    <message>
        <source>Total {total} · earns {points} points</source>
        <translation>Total {total} · rapporte {points} points</translation>
    </message>
</context>
<context>
    <name>ReferrerDialog</name>
    <message>
        <source>Referred by</source>
        <translation>Recommandé par</translation>
    </message>
    <message>
        <source>Type a name, email or phone</source>
        <translation>Tapez un nom, un e-mail ou un téléphone</translation>
    </message>
    <message>
        <source>Referrer</source>
        <translation>Parrain</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>Re&amp;chercher</translation>
    </message>
    <message>
        <source>&amp;Referred by</source>
        <translation>&amp;Recommandé par</translation>
    </message>
    <message>
        <source>(nobody)</source>
        <translation>(personne)</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <source>Refund a purchase</source>
        <translation>Rembourser un achat</translation>
    </message>
    <message>
        <source>Amount to refund</source>
        <translation>Montant à rembourser</translation>
    </message>
    <message>
        <source>Purchase {ref} of {when}: {total}.
{left} left to refund.</source>
        <translation>Achat {ref} du {when}&#xa0;: {total}.
{left} restant à rembourser.</translation>
    </message>
    <message>
        <source>&amp;Amount</source>
        <translation>&amp;Montant</translation>
    </message>
    <message>
        <source>Refund between {low} and {high}.</source>
        <translation>Remboursez entre {low} et {high}.</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore a snapshot</source>
        <translation>Restaurer une sauvegarde</translation>
    </message>
    <message>
        <source>Snapshots</source>
        <translation>Sauvegardes</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Purchases</source>
        <translation>Achats</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>&amp;Restaurer…</translation>
    </message>
    <message>
        <source>Put the customer book back as it was in the chosen snapshot</source>
        <translation>Remettre le fichier clients tel qu’il était dans la sauvegarde choisie</translation>
    </message>
    <message>
        <source>Restore from a &amp;File…</source>
        <translation>Restaurer depuis un &amp;fichier…</translation>
    </message>
    <message>
        <source>Put back a copy kept elsewhere, such as on a USB stick</source>
        <translation>Remettre une copie gardée ailleurs, par exemple sur une clé USB</translation>
    </message>
    <message>
        <source>&amp;Snapshot Now</source>
        <translation>&amp;Sauvegarder maintenant</translation>
    </message>
    <message>
        <source>Save a checked copy of the customer book as it is now</source>
        <translation>Enregistrer une copie vérifiée du fichier clients tel qu’il est maintenant</translation>
    </message>
    <message>
        <source>Show &amp;Folder</source>
        <translation>Afficher le d&amp;ossier</translation>
    </message>
    <message>
        <source>Open the folder that holds the snapshots</source>
        <translation>Ouvrir le dossier qui contient les sauvegardes</translation>
    </message>
    <message>
        <source>Looking for snapshots…</source>
        <translation>Recherche des sauvegardes…</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>1 snapshot of your customer book, in {folder}. Restoring it puts the book back as it was then; what is in it now is saved first, so a restore can be undone.</source>
        <translation>1 sauvegarde de votre fichier clients, dans {folder}. La restaurer remet le fichier tel qu’il était alors&#x202f;; son contenu actuel est d’abord sauvegardé, une restauration peut donc être annulée.</translation>
    </message>
    <message>
        <source>{n} snapshots of your customer book, newest first, in {folder}. Restoring one puts the book back as it was then; what is in it now is saved first, so a restore can be undone.</source>
        <translation>{n} sauvegardes de votre fichier clients, les plus récentes d’abord, dans {folder}. En restaurer une remet le fichier tel qu’il était alors&#x202f;; son contenu actuel est d’abord sauvegardé, une restauration peut donc être annulée.</translation>
    </message>
    <message>
        <source>There are no snapshots yet. smallcrm saves one a day and one when the window closes, in {folder}; Snapshot Now saves one straight away.</source>
        <translation>Il n’y a pas encore de sauvegarde. smallcrm en fait une par jour et une à la fermeture de la fenêtre, dans {folder}&#x202f;; Sauvegarder maintenant en fait une tout de suite.</translation>
    </message>
    <message>
        <source>The snapshots could not be listed ({why}). Check that the backup folder is there (a USB stick plugged in?) and try again.</source>
        <translation>Impossible de lister les sauvegardes ({why}). Vérifiez que le dossier de sauvegarde est là (une clé USB branchée&#x202f;?) et réessayez.</translation>
    </message>
    <message>
        <source>Saving a snapshot…</source>
        <translation>Sauvegarde en cours…</translation>
    </message>
    <message>
        <source>Snapshot saved: {contacts} and {purchases}, in {path}.</source>
        <translation>Sauvegarde faite&#xa0;: {contacts} et {purchases}, dans {path}.</translation>
    </message>
    <message>
        <source>No snapshot was saved</source>
        <translation>Aucune sauvegarde n’a été faite</translation>
    </message>
    <message>
        <source>Restore?</source>
        <translation>Restaurer&#x202f;?</translation>
    </message>
    <message>
        <source>Undo and Redo start afresh after a restore.</source>
        <translation>Annuler et Rétablir repartent de zéro après une restauration.</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restaurer</translation>
    </message>
    <message>
        <source>The customer book will be put back as it was {when}; what is in it now is saved first as a snapshot, which Restore… can bring back.</source>
        <translation>Le fichier clients sera remis tel qu’il était {when}&#x202f;; son contenu actuel est d’abord enregistré comme sauvegarde, que Restaurer… peut faire revenir.</translation>
    </message>
    <message>
        <source>The customer book will be put back as it was {when}, with {contacts} and {purchases}; what is in it now is saved first as a snapshot, which Restore… can bring back.</source>
        <translation>Le fichier clients sera remis tel qu’il était {when}, avec {contacts} et {purchases}&#x202f;; son contenu actuel est d’abord enregistré comme sauvegarde, que Restaurer… peut faire revenir.</translation>
    </message>
    <message>
        <source>The customer book will be replaced by the one in “{file}”; what is in it now is saved first as a snapshot, which Restore… can bring back.</source>
        <translation>Le fichier clients sera remplacé par celui de «&#x202f;{file}&#x202f;»&#x202f;; son contenu actuel est d’abord enregistré comme sauvegarde, que Restaurer… peut faire revenir.</translation>
    </message>
    <message>
        <source>Your data may be damaged: run Help ▸ Restore from Backup… with an older snapshot, or `smallcrm check`.</source>
        <translation>Vos données sont peut-être endommagées&#xa0;: restaurez une sauvegarde plus ancienne avec Aide ▸ Restaurer une sauvegarde…, ou lancez `smallcrm check`.</translation>
    </message>
    <message>
        <source>Restore from a file</source>
        <translation>Restaurer depuis un fichier</translation>
    </message>
    <message>
        <source>smallcrm databases (*.sqlite *.db);;All files (*)</source>
        <translation>Fichiers de données smallcrm (*.sqlite *.db);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Restored, but it cannot be opened</source>
        <translation>Restauré, mais impossible à ouvrir</translation>
    </message>
    <message>
        <source>The customer book was put back from {file}, but smallcrm cannot open it again. Close smallcrm and start it again.</source>
        <translation>Le fichier clients a été remis depuis {file}, mais smallcrm n’arrive pas à le rouvrir. Fermez smallcrm et relancez-le.</translation>
    </message>
    <message>
        <source>Nothing was restored</source>
        <translation>Rien n’a été restauré</translation>
    </message>
    <message>
        <source>The customer book is back as it was in {file}: {contacts} and {purchases}.</source>
        <translation>Le fichier clients est revenu tel qu’il était dans {file}&#xa0;: {contacts} et {purchases}.</translation>
    </message>
    <message>
        <source>What it held just before was saved as a snapshot in {folder} (at the top of this list); restore it to undo this.</source>
        <translation>Son contenu juste avant a été enregistré comme sauvegarde dans {folder} (en haut de cette liste)&#x202f;; restaurez-la pour annuler.</translation>
    </message>
    <message>
        <source>The copy of your customer book did not pass its check ({why}), so it was deleted.</source>
        <translation>La copie de votre fichier clients n’a pas passé la vérification ({why}), elle a donc été supprimée.</translation>
    </message>
    <message>
        <source>The snapshot could not be saved in {folder}: {why}.</source>
        <translation>La sauvegarde n’a pas pu être enregistrée dans {folder}&#xa0;: {why}.</translation>
    </message>
    <message>
        <source>Check that the backup folder is there (a USB stick plugged in?) and has room, then try again.</source>
        <translation>Vérifiez que le dossier de sauvegarde est là (une clé USB branchée&#x202f;?) et qu’il reste de la place, puis réessayez.</translation>
    </message>
    <message>
        <source>That file is the customer book itself.</source>
        <translation>Ce fichier est le fichier clients lui-même.</translation>
    </message>
    <message>
        <source>Choose a snapshot, or a copy kept elsewhere.</source>
        <translation>Choisissez une sauvegarde, ou une copie gardée ailleurs.</translation>
    </message>
    <message>
        <source>Your customer book was not changed.</source>
        <translation>Votre fichier clients n’a pas été modifié.</translation>
    </message>
    <message>
        <source>1 customer</source>
        <translation>1 client</translation>
    </message>
    <message>
        <source>1 purchase</source>
        <translation>1 achat</translation>
    </message>
    <message>
        <source>today at {time}</source>
        <translation>aujourd’hui à {time}</translation>
    </message>
    <message>
        <source>Today at {time}</source>
        <translation>Aujourd’hui à {time}</translation>
    </message>
    <message>
        <source>Daily</source>
        <translation>Quotidienne</translation>
    </message>
    <message>
        <source>When the window closed</source>
        <translation>À la fermeture de la fenêtre</translation>
    </message>
    <message>
        <source>Made by hand</source>
        <translation>Faite à la main</translation>
    </message>
    <message>
        <source>Before a restore</source>
        <translation>Avant une restauration</translation>
    </message>
    <message>
        <source>Damaged file kept at a restore</source>
        <translation>Fichier endommagé gardé lors d’une restauration</translation>
    </message>
    <message>
        <source>yesterday at {time}</source>
        <translation>hier à {time}</translation>
    </message>
    <message>
        <source>Yesterday at {time}</source>
        <translation>Hier à {time}</translation>
    </message>
    <message>
        <source>on {day} at {time}</source>
        <translation>le {day} à {time}</translation>
    </message>
    <message>
        <source>{day} at {time}</source>
        <translation>{day} à {time}</translation>
    </message>
    <message>
        <source>{n} customers</source>
        <translation>{n} clients</translation>
    </message>
    <message>
        <source>{n} purchases</source>
        <translation>{n} achats</translation>
    </message>
</context>
<context>
    <name>RunPage</name>
    <message>
        <source>Importing</source>
        <translation>Import en cours</translation>
    </message>
    <message>
        <source>&amp;Undo this import</source>
        <translation>&amp;Défaire cet import</translation>
    </message>
    <message>
        <source>Save rejected rows…</source>
        <translation>Enregistrer les lignes rejetées…</translation>
    </message>
    <message>
        <source>Tags given to the customers added or updated: {tags}. Type one in the search box to list them.</source>
        <translation>Étiquettes données aux clients ajoutés ou mis à jour&#xa0;: {tags}. Tapez-en une dans la recherche pour les afficher.</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importé</translation>
    </message>
    <message>
        <source>Added {created}, updated {updated}, skipped {skipped}, rejected {rejected}.</source>
        <translation>Ajoutés&#xa0;: {created}, mis à jour&#xa0;: {updated}, ignorés&#xa0;: {skipped}, rejetés&#xa0;: {rejected}.</translation>
    </message>
    <message>
        <source>Import cancelled</source>
        <translation>Import interrompu</translation>
    </message>
    <message>
        <source>The import was cancelled. Nothing was changed.</source>
        <translation>L’import a été annulé. Rien n’a été modifié.</translation>
    </message>
    <message>
        <source>&amp;Back to the summary</source>
        <translation>&amp;Retour au résumé</translation>
    </message>
    <message>
        <source>Go back to what the import will do, to change a choice and import again</source>
        <translation>Revenir à ce que fera l’import, pour changer un choix et importer à nouveau</translation>
    </message>
    <message>
        <source>Why it was not imported</source>
        <translation>Pourquoi elle n’a pas été importée</translation>
    </message>
    <message>
        <source>Nothing is kept unless the whole file is imported: Cancel leaves your book as it was.</source>
        <translation>Rien n’est gardé tant que tout le fichier n’est pas importé&#xa0;: Annuler laisse vos clients tels qu’ils étaient.</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>Lecture de {name}…</translation>
    </message>
    <message>
        <source>{rows} of {total} rows read…</source>
        <translation>{rows} lignes lues sur {total}…</translation>
    </message>
    <message>
        <source>{rows} rows read…</source>
        <translation>{rows} lignes lues…</translation>
    </message>
    <message>
        <source>Purchases recorded: {created} (refunds: {refunds}). Skipped: {skipped}. Rows rejected: {rejected}. New customers: {customers}.</source>
        <translation>Achats enregistrés&#xa0;: {created} (remboursements&#xa0;: {refunds}). Ignorés&#xa0;: {skipped}. Lignes rejetées&#xa0;: {rejected}. Nouveaux clients&#xa0;: {customers}.</translation>
    </message>
    <message>
        <source>“{tag}”</source>
        <translation>«&#x202f;{tag}&#x202f;»</translation>
    </message>
    <message>
        <source>Nothing imported</source>
        <translation>Rien n’a été importé</translation>
    </message>
    <message>
        <source>Nothing in this file is new: your book is as it was, and no import was recorded.</source>
        <translation>Rien dans ce fichier n’est nouveau&#xa0;: vos clients sont tels qu’ils étaient, et aucun import n’a été enregistré.</translation>
    </message>
    <message>
        <source>&amp;Show these customers…</source>
        <translation>&amp;Voir ces clients…</translation>
    </message>
    <message>
        <source>Nothing else in this file is new, and the rows listed below could not be imported: your book is as it was. Correct them and import again.</source>
        <translation>Rien d’autre dans ce fichier n’est nouveau, et les lignes listées ci-dessous n’ont pas pu être importées&#xa0;: vos clients sont tels qu’ils étaient. Corrigez-les et importez à nouveau.</translation>
    </message>
    <message>
        <source>No row could be imported: your book is as it was. Correct the rows listed below and import again.</source>
        <translation>Aucune ligne n’a pu être importée&#xa0;: vos clients sont tels qu’ils étaient. Corrigez les lignes listées ci-dessous et importez à nouveau.</translation>
    </message>
    <message>
        <source>You can undo this import here, or later from File ▸ Past Imports.</source>
        <translation>Vous pouvez défaire cet import ici, ou plus tard depuis Fichier ▸ Imports passés.</translation>
    </message>
    <message>
        <source>Your book is as it was before.</source>
        <translation>Vos clients sont tels qu’ils étaient.</translation>
    </message>
    <message>
        <source>Import not done</source>
        <translation>Import non effectué</translation>
    </message>
    <message>
        <source>Nothing was imported: your book is as it was before.</source>
        <translation>Rien n’a été importé&#xa0;: vos clients sont tels qu’ils étaient.</translation>
    </message>
    <message>
        <source>Undoing the import…</source>
        <translation>L’import est en train d’être défait…</translation>
    </message>
    <message>
        <source>Import undone</source>
        <translation>Import défait</translation>
    </message>
    <message>
        <source>Your book is as it was before this import.</source>
        <translation>Vos clients sont comme avant cet import.</translation>
    </message>
    <message>
        <source>Undone. Purchases removed, with their points: {purchases}. New customers removed: {removed}.</source>
        <translation>Défait. Achats retirés, avec leurs points&#xa0;: {purchases}. Nouveaux clients retirés&#xa0;: {removed}.</translation>
    </message>
    <message>
        <source>Undone. Customers it added, removed: {removed}.</source>
        <translation>Défait. Clients qu’il avait ajoutés, retirés&#xa0;: {removed}.</translation>
    </message>
    <message>
        <source>Customers it updated, put back as they were: {restored}.</source>
        <translation>Clients qu’il avait modifiés, remis comme avant&#xa0;: {restored}.</translation>
    </message>
</context>
<context>
    <name>SelectedRowsChoice</name>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Appliquer</translation>
    </message>
    <message>
        <source>Give every selected row this choice</source>
        <translation>Donner ce choix à toutes les lignes sélectionnées</translation>
    </message>
</context>
<context>
    <name>StatementDialog</name>
    <message>
        <source>Points statement — {name}</source>
        <translation>Relevé de points — {name}</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>Solde</translation>
    </message>
    <message>
        <source>Opening balance</source>
        <translation>Solde initial</translation>
    </message>
    <message>
        <source>Closing balance</source>
        <translation>Solde final</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>The file ends in the middle of a letter: it was cut short when it was saved, copied or downloaded, and rows may be missing after its last one</source>
        <translation>Le fichier s’arrête au milieu d’une lettre&#xa0;: il a été coupé quand il a été enregistré, copié ou téléchargé, et des lignes peuvent manquer après la dernière</translation>
    </message>
    <message>
        <source>The file ends in blank (NUL) bytes instead of text: it was cut short when it was saved, copied or synced, and rows may be missing after its last one</source>
        <translation>Le fichier se termine par des octets vides (NUL) au lieu de texte&#xa0;: il a été coupé quand il a été enregistré, copié ou synchronisé, et des lignes peuvent manquer après la dernière</translation>
    </message>
    <message>
        <source>Rows with fewer cells than the header (the missing ones are read as empty)</source>
        <translation>Lignes ayant moins de cellules que l’en-tête (celles qui manquent sont lues vides)</translation>
    </message>
    <message>
        <source>Rows with more cells than the header (the extra ones go to the notes)</source>
        <translation>Lignes ayant plus de cellules que l’en-tête (celles en trop vont dans les notes)</translation>
    </message>
    <message>
        <source>Rows with more cells than the header (the extra ones are left out)</source>
        <translation>Lignes avec plus de cellules que l’en-tête (les cellules en trop sont laissées de côté)</translation>
    </message>
    <message>
        <source>Invisible NUL characters removed (some programs leave them)</source>
        <translation>Caractères NUL invisibles retirés (certains logiciels en laissent)</translation>
    </message>
    <message>
        <source>Blank rows skipped</source>
        <translation>Lignes vides ignorées</translation>
    </message>
    <message>
        <source>Rows of sales given again by a file put after another, counted once</source>
        <translation>Lignes de ventes données à nouveau par un fichier mis à la suite d’un autre, comptées une fois</translation>
    </message>
    <message>
        <source>Lines of contacts that are not vCard lines (name:value), left out (check those contacts in the file)</source>
        <translation>Lignes de contacts qui ne sont pas des lignes vCard (nom:valeur), laissées de côté (vérifiez ces contacts dans le fichier)</translation>
    </message>
    <message>
        <source>Rows of the column names again (files put one after another), left out</source>
        <translation>Lignes reprenant les noms des colonnes (fichiers mis bout à bout), laissées de côté</translation>
    </message>
    <message>
        <source>Rows with a number a comma not in quotes split into cells (1,234.50), read as one</source>
        <translation>Lignes dont un nombre était coupé en cellules par une virgule hors guillemets (1,234.50), lu comme un seul</translation>
    </message>
    <message>
        <source>Lines voided on receipts whose other lines were not, left out of them</source>
        <translation>Lignes annulées sur des tickets dont les autres lignes ne l’étaient pas, retirées de ces tickets</translation>
    </message>
    <message>
        <source>Refunds of more than was left of the sale under their number, recorded as refunds of their own (check those rows)</source>
        <translation>Remboursements de plus que ce qui restait de la vente sous leur numéro, enregistrés comme remboursements à part (vérifiez ces lignes)</translation>
    </message>
    <message>
        <source>Refunds of purchases (“Refund of”) neither in the file nor imported before, recorded as refunds of no purchase (import the file with those purchases first)</source>
        <translation>Remboursements d’achats («&#xa0;Refund of&#xa0;») qui ne sont ni dans le fichier ni importés avant, enregistrés comme remboursements d’aucun achat (importez d’abord le fichier de ces achats)</translation>
    </message>
    <message>
        <source>Lines of the shop&apos;s own fees or bookkeeping (Amazon&apos;s fee, bank charges, bad debt), not customers&apos; sales: left out</source>
        <translation>Lignes des frais de la boutique ou de sa comptabilité (frais d’Amazon, frais bancaires, créances irrécouvrables), qui ne sont pas des ventes à des clients&#xa0;: laissées de côté</translation>
    </message>
    <message>
        <source>Rows with a letter that cannot be read (shown as “�”), kept as written</source>
        <translation>Lignes avec une lettre illisible (affichée «&#x202f;�&#x202f;»), gardées telles quelles</translation>
    </message>
    <message>
        <source>Quotes never closed: the lines they ran together are read as rows again, the quote kept as text (check those rows)</source>
        <translation>Guillemets jamais refermés&#xa0;: les lignes qu’ils réunissaient sont relues comme des lignes, le guillemet gardé comme du texte (vérifiez ces lignes)</translation>
    </message>
    <message>
        <source>Rows of a sales export: their buyers become customers, the sales are not recorded (import the file as Purchases to record them)</source>
        <translation>Lignes d’un export de ventes&#xa0;: leurs acheteurs deviennent des clients, les ventes ne sont pas enregistrées (importez le fichier en tant qu’Achats pour les enregistrer)</translation>
    </message>
    <message>
        <source>Rows of people erased at their request, not added again</source>
        <translation>Lignes de personnes effacées à leur demande, pas ajoutées à nouveau</translation>
    </message>
    <message>
        <source>Customers with an email that cannot be read, kept in their notes</source>
        <translation>Clients dont un e-mail est illisible, gardé dans leurs notes</translation>
    </message>
    <message>
        <source>Customers with a phone number that cannot be read, kept in their notes</source>
        <translation>Clients dont un numéro de téléphone est illisible, gardé dans leurs notes</translation>
    </message>
    <message>
        <source>Customers whose phone number a spreadsheet cut short (such as 4.47912E+11), kept in their notes: its last digits are lost (export the file again with the numbers as text)</source>
        <translation>Clients dont un tableur a tronqué le numéro de téléphone (comme 4.47912E+11), gardé dans leurs notes&#xa0;: ses derniers chiffres sont perdus (exportez de nouveau le fichier avec les numéros en texte)</translation>
    </message>
    <message>
        <source>Customers with a birthday that is not a date, kept in their notes</source>
        <translation>Clients dont l’anniversaire n’est pas une date, gardé dans leurs notes</translation>
    </message>
    <message>
        <source>Customers with a birthday without its day or month, kept in their notes</source>
        <translation>Clients dont l’anniversaire n’a pas de jour ou de mois, gardé dans leurs notes</translation>
    </message>
    <message>
        <source>Customers with address lines too long for the street, kept in their notes</source>
        <translation>Clients dont les lignes d’adresse sont trop longues pour la rue, gardées dans leurs notes</translation>
    </message>
    <message>
        <source>Customers whose address, written whole in one cell, was read as its street, postal code and town</source>
        <translation>Clients dont l’adresse, écrite en entier dans une cellule, a été lue en rue, code postal et ville</translation>
    </message>
    <message>
        <source>Customers with a tag over 60 characters, kept in their notes</source>
        <translation>Clients ayant une étiquette de plus de 60 caractères, gardée dans leurs notes</translation>
    </message>
    <message>
        <source>Customers whose marketing consent is neither yes nor no (taken as no, the answer kept in their notes)</source>
        <translation>Clients dont le consentement marketing n’est ni oui ni non (compté comme non, la réponse gardée dans leurs notes)</translation>
    </message>
    <message>
        <source>Customers whose number a spreadsheet cut short (such as 6.54321E+12), kept in their notes and not used to find them</source>
        <translation>Clients dont un tableur a tronqué le numéro (comme 6.54321E+12), gardé dans leurs notes et pas utilisé pour les retrouver</translation>
    </message>
    <message>
        <source>Customers whose marketing consent is withdrawn: the file says they unsubscribed (or no, when overwriting)</source>
        <translation>Clients dont le consentement marketing est retiré&#xa0;: le fichier dit qu’ils se sont désabonnés (ou non, en remplaçant)</translation>
    </message>
    <message>
        <source>New customers with no name in the file: their email stands in for it</source>
        <translation>Nouveaux clients sans nom dans le fichier&#xa0;: leur e-mail en tient lieu</translation>
    </message>
    <message>
        <source>Customers whose notes are full (100,000 characters): what the file adds to them is left out; make room in their notes, then import the file again</source>
        <translation>Clients dont les notes sont pleines (100&#xa0;000 caractères)&#xa0;: ce que le fichier y ajoute est laissé de côté&#xa0;; faites de la place dans leurs notes, puis importez le fichier à nouveau</translation>
    </message>
    <message>
        <source>New customers with no name in the file: their phone number stands in for it</source>
        <translation>Nouveaux clients sans nom dans le fichier&#xa0;: leur numéro de téléphone en tient lieu</translation>
    </message>
    <message>
        <source>Ready to import</source>
        <translation>Prêt à importer</translation>
    </message>
    <message>
        <source>Nothing has been written yet. This is what the import will do.</source>
        <translation>Rien n’a encore été écrit. Voici ce que fera l’import.</translation>
    </message>
    <message>
        <source>Imported before</source>
        <translation>Déjà importé</translation>
    </message>
    <message>
        <source>Also</source>
        <translation>Aussi</translation>
    </message>
    <message>
        <source>Phone numbers</source>
        <translation>Numéros de téléphone</translation>
    </message>
    <message>
        <source>1 purchase is in {currencies}, not the shop&apos;s currency ({shop}): it earns no points, and reports leave it out. If the shop sells in {first}, choose it under Tools ▸ Settings first.</source>
        <translation>1 achat est en {currencies}, pas dans la monnaie de la boutique ({shop})&#xa0;: il ne rapporte pas de points, et les rapports le laissent de côté. Si la boutique vend en {first}, choisissez-la d’abord dans Outils ▸ Paramètres.</translation>
    </message>
    <message>
        <source>{n} purchases are in {currencies}, not the shop&apos;s currency ({shop}): they earn no points, and reports leave them out. If the shop sells in {first}, choose it under Tools ▸ Settings first.</source>
        <translation>{n} achats sont en {currencies}, pas dans la monnaie de la boutique ({shop})&#xa0;: ils ne rapportent pas de points, et les rapports les laissent de côté. Si la boutique vend en {first}, choisissez-la d’abord dans Outils ▸ Paramètres.</translation>
    </message>
    <message>
        <source>Of the first {total} phone numbers, {unread} are not numbers of the country they are read in ({country}): they will be kept as typed, without their country.</source>
        <translation>Sur les {total} premiers numéros de téléphone, {unread} ne sont pas des numéros du pays dans lequel ils sont lus ({country})&#xa0;: ils seront gardés tels qu’écrits, sans leur pays.</translation>
    </message>
    <message>
        <source>Go back to “What the file looks like” and choose their country under “Phone numbers from”.</source>
        <translation>Revenez à «&#x202f;À quoi ressemble le fichier&#x202f;» et choisissez leur pays dans «&#x202f;Pays des téléphones&#x202f;».</translation>
    </message>
    <message>
        <source>They are numbers of another country: {country}.</source>
        <translation>Ce sont des numéros d’un autre pays&#xa0;: {country}.</translation>
    </message>
    <message>
        <source>Read them as numbers of: {country}</source>
        <translation>Les lire comme numéros de&#xa0;: {country}</translation>
    </message>
    <message>
        <source>{what}: {n} (row {rows})</source>
        <translation>{what}&#xa0;: {n} (ligne {rows})</translation>
    </message>
    <message>
        <source>{what}: {n} (rows {rows})</source>
        <translation>{what}&#xa0;: {n} (lignes {rows})</translation>
    </message>
    <message>
        <source>There is nothing to import: go back to change a choice, or fix the rejected rows below.</source>
        <translation>Il n’y a rien à importer&#xa0;: revenez en arrière pour changer un choix, ou corrigez les lignes rejetées ci-dessous.</translation>
    </message>
    <message>
        <source>There is nothing to import: go back to change a choice.</source>
        <translation>Il n’y a rien à importer&#xa0;: revenez en arrière pour changer un choix.</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <source>Why it cannot be imported</source>
        <translation>Pourquoi elle ne peut pas être importée</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Colonne</translation>
    </message>
    <message>
        <source>Items over 1,000 characters, cut to 1,000</source>
        <translation>Articles de plus de 1&#xa0;000 caractères, coupés à 1&#xa0;000</translation>
    </message>
    <message>
        <source>Customers whose consent date cannot be read or is still to come (dated today, what the file says kept in their notes)</source>
        <translation>Clients dont la date d’accord est illisible ou encore à venir (datée d’aujourd’hui, le texte du fichier gardé dans leurs notes)</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Rejected rows</source>
        <translation>Lignes rejetées</translation>
    </message>
    <message>
        <source>&amp;Fix this row…</source>
        <translation>&amp;Corriger cette ligne…</translation>
    </message>
    <message>
        <source>Select a rejected row in the list, then correct its cells: it is checked again</source>
        <translation>Sélectionnez une ligne rejetée dans la liste, puis corrigez ses cellules&#xa0;: elle est vérifiée à nouveau</translation>
    </message>
    <message>
        <source>Save rejected rows…</source>
        <translation>Enregistrer les lignes rejetées…</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importer</translation>
    </message>
    <message>
        <source>This file was already imported on {when} (import {number}). Below is what importing it again would do. If you did not mean to import it twice, press Cancel; to start over instead, first undo that import in File ▸ Past Imports.</source>
        <translation>Ce fichier a déjà été importé le {when} (import {number}). Voici ci-dessous ce que l’importer à nouveau ferait. Si vous ne vouliez pas l’importer deux fois, cliquez sur Annuler&#xa0;; pour repartir de zéro, défaites d’abord cet import dans Fichier ▸ Imports passés.</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Nothing was imported. Go back to choose again, or press Cancel.</source>
        <translation>Rien n’a été importé. Revenez en arrière pour choisir à nouveau, ou appuyez sur Annuler.</translation>
    </message>
    <message>
        <source>no country</source>
        <translation>aucun pays</translation>
    </message>
    <message>
        <source>Row {row} is fixed: it will be imported with your corrections.</source>
        <translation>La ligne {row} est corrigée&#xa0;: elle sera importée avec vos corrections.</translation>
    </message>
    <message>
        <source>Row {row} still cannot be imported: {reason}</source>
        <translation>La ligne {row} ne peut toujours pas être importée&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Purchases to record: {purchases} (refunds: {refunds}). Purchases to skip: {skip}. Rows to reject: {reject}. New customers: {customers}.</source>
        <translation>Achats à enregistrer&#xa0;: {purchases} (remboursements&#xa0;: {refunds}). Achats à ignorer&#xa0;: {skip}. Lignes à rejeter&#xa0;: {reject}. Nouveaux clients&#xa0;: {customers}.</translation>
    </message>
    <message>
        <source>Will add {create}, update {update}, skip {skip} and reject {reject} of {rows} rows.</source>
        <translation>Sur {rows} lignes&#xa0;: {create} à ajouter, {update} à mettre à jour, {skip} à ignorer et {reject} à rejeter.</translation>
    </message>
    <message>
        <source>Tags for the customers added or updated: {tags}.</source>
        <translation>Étiquettes pour les clients ajoutés ou mis à jour&#xa0;: {tags}.</translation>
    </message>
    <message>
        <source>{what}: {n}</source>
        <translation>{what}&#xa0;: {n}</translation>
    </message>
    <message>
        <source>“{total}” is “{amount}” with its tax added: the amounts recorded are “{amount}”, before tax. To record what customers paid, go back and choose Amount for “{total}”.</source>
        <translation>«&#x202f;{total}&#x202f;» est «&#x202f;{amount}&#x202f;» taxe comprise&#xa0;: les montants enregistrés sont ceux de «&#x202f;{amount}&#x202f;», hors taxe. Pour enregistrer ce que les clients ont payé, revenez en arrière et choisissez Montant pour «&#x202f;{total}&#x202f;».</translation>
    </message>
    <message>
        <source>Purchases to skip ({n}): {reason}</source>
        <translation>Achats à ignorer ({n})&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Of the purchases to skip, those of customers not in your book: {n}. Go back to create those customers.</source>
        <translation>Parmi les achats à ignorer, ceux de clients que vous n’avez pas encore&#xa0;: {n}. Revenez en arrière pour créer ces clients.</translation>
    </message>
</context>
<context>
    <name>Tile</name>
    <message>
        <source>Previous period: {value}</source>
        <translation>Période précédente&#xa0;: {value}</translation>
    </message>
    <message>
        <source>{change} on the previous period</source>
        <translation>{change} par rapport à la période précédente</translation>
    </message>
</context>
<context>
    <name>TodayView</name>
    <message>
        <source>Today</source>
        <translation>Aujourd’hui</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>&amp;Open customer</source>
        <translation>&amp;Ouvrir la fiche</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Fait</translation>
    </message>
    <message>
        <source>&amp;Snooze a day</source>
        <translation>&amp;Reporter d’un jour</translation>
    </message>
    <message>
        <source>Snooze a &amp;week</source>
        <translation>Reporter d’une &amp;semaine</translation>
    </message>
    <message>
        <source>&amp;Move to…</source>
        <translation>&amp;Déplacer au…</translation>
    </message>
    <message>
        <source>Mark &amp;paid</source>
        <translation>Marquer &amp;payé</translation>
    </message>
    <message>
        <source>&amp;Resolve…</source>
        <translation>Réso&amp;udre…</translation>
    </message>
    <message>
        <source>Today, {day}</source>
        <translation>Aujourd’hui, {day}</translation>
    </message>
    <message>
        <source>Overdue follow-ups</source>
        <translation>Relances en retard</translation>
    </message>
    <message>
        <source>Follow-ups for today</source>
        <translation>Relances du jour</translation>
    </message>
    <message>
        <source>Birthdays in the next 7 days</source>
        <translation>Anniversaires des 7 prochains jours</translation>
    </message>
    <message>
        <source>turns {age}</source>
        <translation>fête ses {age} ans</translation>
    </message>
    <message>
        <source>Points expiring within 30 days</source>
        <translation>Points qui expirent dans les 30 jours</translation>
    </message>
    <message>
        <source>{n} points</source>
        <translation>{n} points</translation>
    </message>
    <message>
        <source>1 point</source>
        <translation>1 point</translation>
    </message>
    <message>
        <source>Unresolved complaints</source>
        <translation>Réclamations non résolues</translation>
    </message>
    <message>
        <source>{category}: {description}</source>
        <translation>{category}&#xa0;: {description}</translation>
    </message>
    <message>
        <source>Overdue payments</source>
        <translation>Paiements en retard</translation>
    </message>
    <message>
        <source>{n} days late</source>
        <translation>{n} jours de retard</translation>
    </message>
    <message>
        <source>1 day late</source>
        <translation>1 jour de retard</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>… et {n} autres</translation>
    </message>
    <message>
        <source>NPS {score} (1 answer)</source>
        <translation>NPS {score} (1 réponse)</translation>
    </message>
    <message>
        <source>NPS {score} ({n} answers)</source>
        <translation>NPS {score} ({n} réponses)</translation>
    </message>
    <message>
        <source>CSAT {score} (1 answer)</source>
        <translation>CSAT {score} (1 réponse)</translation>
    </message>
    <message>
        <source>CSAT {score} ({n} answers)</source>
        <translation>CSAT {score} ({n} réponses)</translation>
    </message>
    <message>
        <source>All customers: {scores}</source>
        <translation>Tous les clients&#xa0;: {scores}</translation>
    </message>
</context>
<context>
    <name>TrashDialog</name>
    <message>
        <source>Trash</source>
        <translation>Corbeille</translation>
    </message>
    <message>
        <source>Deleted customers</source>
        <translation>Clients supprimés</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Restaurer</translation>
    </message>
    <message>
        <source>&amp;Delete for good…</source>
        <translation>&amp;Supprimer définitivement…</translation>
    </message>
    <message>
        <source>&amp;Empty Trash…</source>
        <translation>&amp;Vider la corbeille…</translation>
    </message>
    <message>
        <source>The Trash is empty.</source>
        <translation>La corbeille est vide.</translation>
    </message>
    <message>
        <source>1 deleted customer. Restore puts them back in your list with everything they had.</source>
        <translation>1 client supprimé. Restaurer le remet dans votre liste avec tout ce qu’il avait.</translation>
    </message>
    <message>
        <source>{n} deleted customers. Restore puts them back in your list with everything they had.</source>
        <translation>{n} clients supprimés. Restaurer les remet dans votre liste avec tout ce qu’ils avaient.</translation>
    </message>
    <message>
        <source>Delete for good?</source>
        <translation>Supprimer définitivement&#x202f;?</translation>
    </message>
    <message>
        <source>This cannot be undone. Their purchases stay in your revenue figures, without a name.</source>
        <translation>Impossible de revenir en arrière. Leurs achats restent dans votre chiffre d’affaires, sans nom.</translation>
    </message>
    <message>
        <source>Delete for good</source>
        <translation>Supprimer définitivement</translation>
    </message>
    <message>
        <source>Delete this customer for good?</source>
        <translation>Supprimer définitivement ce client&#x202f;?</translation>
    </message>
    <message>
        <source>Delete {n} customers for good?</source>
        <translation>Supprimer définitivement {n} clients&#x202f;?</translation>
    </message>
    <message>
        <source>Delete all {n} customers in the Trash for good?</source>
        <translation>Supprimer définitivement les {n} clients de la corbeille&#x202f;?</translation>
    </message>
</context>
<context>
    <name>UnmatchedPage</name>
    <message>
        <source>Customers who are not in your book</source>
        <translation>Clients que vous n’avez pas encore</translation>
    </message>
    <message>
        <source>&amp;Skip their purchases</source>
        <translation>&amp;Ignorer leurs achats</translation>
    </message>
    <message>
        <source>C&amp;reate them as new customers, and record their purchases</source>
        <translation>Les &amp;créer comme nouveaux clients, et enregistrer leurs achats</translation>
    </message>
    <message>
        <source>As chosen above</source>
        <translation>Comme choisi ci-dessus</translation>
    </message>
    <message>
        <source>Create this customer</source>
        <translation>Créer ce client</translation>
    </message>
    <message>
        <source>Skip their purchases</source>
        <translation>Ignorer ses achats</translation>
    </message>
    <message>
        <source>In the file</source>
        <translation>Dans le fichier</translation>
    </message>
    <message>
        <source>Purchases</source>
        <translation>Achats</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Lignes</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>For this customer</source>
        <translation>Pour ce client</translation>
    </message>
    <message>
        <source>Click “For this customer” to choose for one customer, or select several (Shift- or Ctrl-click) and choose below the list.</source>
        <translation>Cliquez sur «&#x202f;Pour ce client&#x202f;» pour choisir client par client, ou sélectionnez-en plusieurs (clic avec Maj ou Ctrl) et choisissez sous la liste.</translation>
    </message>
    <message>
        <source>For the se&amp;lected customers:</source>
        <translation>Pour les clients sé&amp;lectionnés&#xa0;:</translation>
    </message>
    <message>
        <source>Every customer the file names is in your book.</source>
        <translation>Tous les clients cités dans le fichier sont déjà enregistrés.</translation>
    </message>
    <message>
        <source>email</source>
        <translation>e-mail</translation>
    </message>
    <message>
        <source>phone number</source>
        <translation>numéro de téléphone</translation>
    </message>
    <message>
        <source>customer id</source>
        <translation>identifiant client</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nom</translation>
    </message>
    <message>
        <source>Rows whose customer matches no one in your book: create those customers, or skip their purchases.</source>
        <translation>Lignes dont le client ne correspond à aucun client enregistré&#xa0;: créez ces clients, ou ignorez leurs achats.</translation>
    </message>
    <message>
        <source>Rows whose customer&apos;s {by} matches no one in your book: create those customers, or skip their purchases.</source>
        <translation>Lignes dont le client ({by}) ne correspond à aucun client enregistré&#xa0;: créez ces clients, ou ignorez leurs achats.</translation>
    </message>
</context>
<context>
    <name>UpdatingWindow</name>
    <message>
        <source>Updating your customer book…</source>
        <translation>Mise à jour de votre fichier clients…</translation>
    </message>
    <message>
        <source>This version of smallcrm keeps “{name}” in a new way. A copy of the book as it was is saved beside it first. A large book takes a few seconds: smallcrm opens by itself when it is done.</source>
        <translation>Cette version de smallcrm range «&#x202f;{name}&#x202f;» d’une nouvelle façon. Une copie du fichier tel qu’il était est d’abord enregistrée à côté. Un gros fichier prend quelques secondes&#xa0;: smallcrm s’ouvre tout seul une fois la mise à jour terminée.</translation>
    </message>
</context>
<context>
    <name>ValueList</name>
    <message>
        <source>Move up: the first is the one the customer list shows and lists print</source>
        <translation>Monter d&apos;un rang&#xa0;: le premier est celui que montre la liste des clients et qu&apos;impriment les listes</translation>
    </message>
    <message>
        <source>Move {field} {n} up</source>
        <translation>Monter {field} {n}</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Libellé</translation>
    </message>
    <message>
        <source>{field} {n} label</source>
        <translation>Libellé {field} {n}</translation>
    </message>
</context>
<context>
    <name>_Chart</name>
    <message>
        <source>Nothing to show</source>
        <translation>Rien à afficher</translation>
    </message>
</context>
<context>
    <name>activity</name>
    <message>
        <source>Only {balance} points are available.</source>
        <translation>Seulement {balance} points sont disponibles.</translation>
    </message>
    <message>
        <source>Only {amount} is left to refund.</source>
        <translation>Il ne reste que {amount} à rembourser.</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Cannot open the customer database</source>
        <translation>Impossible d’ouvrir le fichier clients</translation>
    </message>
    <message>
        <source>Already open</source>
        <translation>Déjà ouvert</translation>
    </message>
    <message>
        <source>“{name}” is already open in another smallcrm window.</source>
        <translation>«&#x202f;{name}&#x202f;» est déjà ouvert dans une autre fenêtre smallcrm.</translation>
    </message>
    <message>
        <source>Find that window (it may be minimised, or on another desktop) and carry on there. If it is not answering, close it and start smallcrm again. Two windows never share one file, so nothing is written over.</source>
        <translation>Retrouvez cette fenêtre (elle est peut-être réduite, ou sur un autre bureau) et continuez-y. Si elle ne répond pas, fermez-la et relancez smallcrm. Deux fenêtres ne partagent jamais un même fichier, rien n’est donc écrasé.</translation>
    </message>
    <message>
        <source>It was opened on the computer “{host}” (process {pid}).</source>
        <translation>Il a été ouvert sur l’ordinateur «&#x202f;{host}&#x202f;» (processus {pid}).</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>Un problème est survenu</translation>
    </message>
    <message>
        <source>smallcrm met a problem it did not expect. What you saved before is safe in the database; the last step may not have finished.</source>
        <translation>smallcrm a rencontré un problème inattendu. Ce que vous avez enregistré avant est en sécurité dans le fichier&#x202f;; la dernière opération n’est peut-être pas allée au bout.</translation>
    </message>
    <message>
        <source>The details were saved to {path}.</source>
        <translation>Les détails ont été enregistrés dans {path}.</translation>
    </message>
    <message>
        <source>Please send the details below to whoever looks after smallcrm for you. {where}</source>
        <translation>Envoyez les détails ci-dessous à la personne qui s’occupe de smallcrm pour vous. {where}</translation>
    </message>
</context>
<context>
    <name>exporting</name>
    <message>
        <source>Export Purchases</source>
        <translation>Exporter les achats</translation>
    </message>
    <message>
        <source>purchases.csv</source>
        <translation>achats.csv</translation>
    </message>
    <message>
        <source>Export Customers</source>
        <translation>Exporter les clients</translation>
    </message>
    <message>
        <source>Everyone, whether or not they agreed to marketing</source>
        <translation>Tout le monde, qu’ils aient accepté ou non les offres</translation>
    </message>
    <message>
        <source>Only those who agreed to marketing by email</source>
        <translation>Seulement ceux qui acceptent les offres par e-mail</translation>
    </message>
    <message>
        <source>Only those who agreed to marketing by SMS</source>
        <translation>Seulement ceux qui acceptent les offres par SMS</translation>
    </message>
    <message>
        <source>Which customers</source>
        <translation>Quels clients</translation>
    </message>
    <message>
        <source>&amp;Include:</source>
        <translation>&amp;Inclure&#xa0;:</translation>
    </message>
    <message>
        <source>Counting the customers…</source>
        <translation>Comptage des clients…</translation>
    </message>
    <message>
        <source>Choose everyone only for your own records or to move to another program, not for a marketing mailing.</source>
        <translation>Choisissez tout le monde seulement pour vos propres archives ou pour passer à un autre programme, pas pour un envoi publicitaire.</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exporter…</translation>
    </message>
    <message>
        <source>Exporting to “{name}”…</source>
        <translation>Export vers «&#x202f;{name}&#x202f;»…</translation>
    </message>
    <message>
        <source>Choose another folder and export again. Nothing was saved.</source>
        <translation>Choisissez un autre dossier et exportez à nouveau. Rien n’a été enregistré.</translation>
    </message>
    <message>
        <source>All your customers.</source>
        <translation>Tous vos clients.</translation>
    </message>
    <message>
        <source>customers.csv</source>
        <translation>clients.csv</translation>
    </message>
    <message>
        <source>Spreadsheet, CSV (*.csv)</source>
        <translation>Tableur, CSV (*.csv)</translation>
    </message>
    <message>
        <source>The {n} selected customers.</source>
        <translation>Les {n} clients sélectionnés.</translation>
    </message>
    <message>
        <source>vCard 4.0 (*.vcf)</source>
        <translation>vCard 4.0 (*.vcf)</translation>
    </message>
    <message>
        <source>vCard 3.0, for older phones and programs (*.vcf)</source>
        <translation>vCard 3.0, pour les téléphones et logiciels plus anciens (*.vcf)</translation>
    </message>
    <message>
        <source>{n} customers will be exported.</source>
        <translation>{n} clients seront exportés.</translation>
    </message>
    <message>
        <source>1 customer will be exported.</source>
        <translation>1 client sera exporté.</translation>
    </message>
    <message>
        <source>Exported {n} to “{name}” in {folder}.</source>
        <translation>{n} exportés vers «&#x202f;{name}&#x202f;» dans {folder}.</translation>
    </message>
    <message>
        <source>“{name}” could not be saved in {folder}: {reason}.</source>
        <translation>«&#x202f;{name}&#x202f;» n’a pas pu être enregistré dans {folder}&#xa0;: {reason}.</translation>
    </message>
    <message>
        <source>The customers matching “{search}”.</source>
        <translation>Les clients correspondant à «&#x202f;{search}&#x202f;».</translation>
    </message>
    <message>
        <source>{n} of {everyone} customers will be exported; the others have not agreed to this.</source>
        <translation>{n} clients sur {everyone} seront exportés&#x202f;; les autres ne l’ont pas accepté.</translation>
    </message>
    <message>
        <source>None of these {everyone} customers has agreed to this, so there is nothing to export. Choose another option above.</source>
        <translation>Aucun de ces {everyone} clients ne l’a accepté&#x202f;: il n’y a rien à exporter. Choisissez une autre option ci-dessus.</translation>
    </message>
</context>
<context>
    <name>files</name>
    <message>
        <source>“{name}” already exists in {folder}. Replace it?</source>
        <translation>«&#x202f;{name}&#x202f;» existe déjà dans {folder}. Le remplacer&#x202f;?</translation>
    </message>
</context>
<context>
    <name>forms</name>
    <message>
        <source>Close without saving? What you typed or chose here would be lost.</source>
        <translation>Fermer sans enregistrer&#xa0;? Ce que vous avez saisi ou choisi ici serait perdu.</translation>
    </message>
    <message>
        <source>Close without saving</source>
        <translation>Fermer sans enregistrer</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>Continuer la saisie</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>Nothing was changed. The list now shows how things stand.</source>
        <translation>Rien n’a été modifié. La liste montre maintenant où en sont les choses.</translation>
    </message>
    <message>
        <source>This cannot be empty.</source>
        <translation>Ce champ ne peut pas être vide.</translation>
    </message>
    <message>
        <source>That record is no longer in the customer book: it was deleted meanwhile.</source>
        <translation>Cet élément n’est plus dans le fichier clients&#xa0;: il a été supprimé entre-temps.</translation>
    </message>
    <message>
        <source>Already changed</source>
        <translation>Déjà modifié</translation>
    </message>
    <message>
        <source>“{name}” cannot be opened.</source>
        <translation>Impossible d’ouvrir «&#x202f;{name}&#x202f;».</translation>
    </message>
    <message>
        <source>Give a first name, a last name or a company.</source>
        <translation>Indiquez un prénom, un nom ou une société.</translation>
    </message>
    <message>
        <source>This value cannot be saved: {detail}</source>
        <translation>Cette valeur ne peut pas être enregistrée&#xa0;: {detail}</translation>
    </message>
    <message>
        <source>The file was left untouched.</source>
        <translation>Le fichier n’a pas été touché.</translation>
    </message>
    <message>
        <source>Follow up on low {kind} score ({score})</source>
        <translation>Relancer après une note {kind} basse ({score})</translation>
    </message>
    <message>
        <source>This is not an email address: {detail}</source>
        <translation>Ce n’est pas une adresse e-mail&#xa0;: {detail}</translation>
    </message>
    <message>
        <source>This is not a phone number: {detail}.</source>
        <translation>Ce n’est pas un numéro de téléphone&#xa0;: {detail}.</translation>
    </message>
    <message>
        <source>This is not a real date: {detail}.</source>
        <translation>Cette date n’existe pas&#xa0;: {detail}.</translation>
    </message>
    <message>
        <source>This is too long: {detail}.</source>
        <translation>C’est trop long&#xa0;: {detail}.</translation>
    </message>
    <message>
        <source>“{name}” is not a smallcrm database (it is not an SQLite file at all).</source>
        <translation>«&#x202f;{name}&#x202f;» n’est pas un fichier de données smallcrm (ce n’est même pas un fichier SQLite).</translation>
    </message>
    <message>
        <source>“{name}” is an SQLite database of another program, not a smallcrm one.</source>
        <translation>«&#x202f;{name}&#x202f;» est une base SQLite d’un autre logiciel, pas de smallcrm.</translation>
    </message>
    <message>
        <source>“{name}” is damaged and cannot be read.</source>
        <translation>«&#x202f;{name}&#x202f;» est endommagé et illisible.</translation>
    </message>
    <message>
        <source>“{name}” is in use by another program, which is keeping smallcrm out.</source>
        <translation>«&#x202f;{name}&#x202f;» est utilisé par un autre logiciel, qui empêche smallcrm d’y accéder.</translation>
    </message>
    <message>
        <source>“{name}” can be read but not changed: the file or its folder is read-only.</source>
        <translation>«&#x202f;{name}&#x202f;» peut être lu mais pas modifié&#xa0;: le fichier ou son dossier est en lecture seule.</translation>
    </message>
    <message>
        <source>“{name}” was saved by a newer version of smallcrm (database version {version}).</source>
        <translation>«&#x202f;{name}&#x202f;» a été enregistré par une version plus récente de smallcrm (version de fichier {version}).</translation>
    </message>
    <message>
        <source>“{name}” is a folder, not a database file.</source>
        <translation>«&#x202f;{name}&#x202f;» est un dossier, pas un fichier de données.</translation>
    </message>
    <message>
        <source>“{name}” cannot be opened or created here.</source>
        <translation>«&#x202f;{name}&#x202f;» ne peut être ni ouvert ni créé ici.</translation>
    </message>
    <message>
        <source>“{name}” could not be brought up to this version of smallcrm.</source>
        <translation>«&#x202f;{name}&#x202f;» n’a pas pu être mis à niveau pour cette version de smallcrm.</translation>
    </message>
    <message>
        <source>Choose your smallcrm database file (it ends in .sqlite).</source>
        <translation>Choisissez votre fichier de données smallcrm (il se termine par .sqlite).</translation>
    </message>
    <message>
        <source>Choose your smallcrm database file, or a new file name to start afresh.</source>
        <translation>Choisissez votre fichier de données smallcrm, ou un nouveau nom de fichier pour repartir de zéro.</translation>
    </message>
    <message>
        <source>Restore your latest backup copy of the file, or start with a new file.</source>
        <translation>Restaurez votre dernière copie de sauvegarde du fichier, ou commencez avec un nouveau fichier.</translation>
    </message>
    <message>
        <source>Close the other program (or the other smallcrm window) and try again.</source>
        <translation>Fermez l’autre logiciel (ou l’autre fenêtre smallcrm) et réessayez.</translation>
    </message>
    <message>
        <source>Copy the file to a folder you can write to, or change its permissions.</source>
        <translation>Copiez le fichier dans un dossier où vous pouvez écrire, ou changez ses droits.</translation>
    </message>
    <message>
        <source>Update smallcrm to the newest version to open it.</source>
        <translation>Mettez smallcrm à jour vers la dernière version pour l’ouvrir.</translation>
    </message>
    <message>
        <source>Choose a file inside that folder, or another name.</source>
        <translation>Choisissez un fichier dans ce dossier, ou un autre nom.</translation>
    </message>
    <message>
        <source>Check that the folder exists and that you may write to it.</source>
        <translation>Vérifiez que le dossier existe et que vous avez le droit d’y écrire.</translation>
    </message>
    <message>
        <source>This is a fault in smallcrm; please report it with the details.</source>
        <translation>C’est une erreur de smallcrm&#x202f;; signalez-la avec les détails.</translation>
    </message>
    <message>
        <source>a phone number has no letters</source>
        <translation>un numéro de téléphone n’a pas de lettres</translation>
    </message>
    <message>
        <source>a phone number has 3 to 20 digits</source>
        <translation>un numéro de téléphone a de 3 à 20 chiffres</translation>
    </message>
    <message>
        <source>write it as YYYY-MM-DD, or --MM-DD without the year</source>
        <translation>écrivez-la AAAA-MM-JJ, ou --MM-JJ sans l’année</translation>
    </message>
    <message>
        <source>a birthday cannot be in the future</source>
        <translation>un anniversaire ne peut pas être dans le futur</translation>
    </message>
    <message>
        <source>month must be in 1..12</source>
        <translation>le mois doit être de 1 à 12</translation>
    </message>
    <message>
        <source>day is out of range for month</source>
        <translation>ce jour n’existe pas dans ce mois</translation>
    </message>
    <message>
        <source>at most {limit} characters</source>
        <translation>{limit} caractères au plus</translation>
    </message>
    <message>
        <source>write an amount such as 25.50</source>
        <translation>écrivez un montant comme 25,50</translation>
    </message>
    <message>
        <source>{currency} has {digits} decimals</source>
        <translation>{currency} a {digits} décimales</translation>
    </message>
    <message>
        <source>{currency} has no decimals</source>
        <translation>{currency} n’a pas de décimales</translation>
    </message>
    <message>
        <source>-0 is not an amount</source>
        <translation>-0 n’est pas un montant</translation>
    </message>
    <message>
        <source>the amount cannot be negative</source>
        <translation>le montant ne peut pas être négatif</translation>
    </message>
    <message>
        <source>the amount is too large</source>
        <translation>le montant est trop grand</translation>
    </message>
    <message>
        <source>An email address must have an @-sign.</source>
        <translation>Une adresse e-mail doit contenir un @.</translation>
    </message>
    <message>
        <source>There must be something before the @-sign.</source>
        <translation>Il doit y avoir quelque chose avant le @.</translation>
    </message>
    <message>
        <source>There must be something after the @-sign.</source>
        <translation>Il doit y avoir quelque chose après le @.</translation>
    </message>
    <message>
        <source>The part after the @-sign is not valid. It should have a period.</source>
        <translation>La partie après le @ n’est pas valide&#xa0;: il y manque un point.</translation>
    </message>
    <message>
        <source>An email address cannot have two periods in a row.</source>
        <translation>Une adresse e-mail ne peut pas avoir deux points de suite.</translation>
    </message>
    <message>
        <source>An email address cannot start with a period.</source>
        <translation>Une adresse e-mail ne peut pas commencer par un point.</translation>
    </message>
    <message>
        <source>An email address cannot end with a period.</source>
        <translation>Une adresse e-mail ne peut pas finir par un point.</translation>
    </message>
    <message>
        <source>An email address cannot have a period immediately before the @-sign.</source>
        <translation>Une adresse e-mail ne peut pas avoir un point juste avant le @.</translation>
    </message>
    <message>
        <source>An email address cannot have a period immediately after the @-sign.</source>
        <translation>Une adresse e-mail ne peut pas avoir un point juste après le @.</translation>
    </message>
    <message>
        <source>An email address cannot have a hyphen immediately after the @-sign.</source>
        <translation>Une adresse e-mail ne peut pas avoir un tiret juste après le @.</translation>
    </message>
    <message>
        <source>The email address contains invalid characters before the @-sign: {characters}</source>
        <translation>L’adresse e-mail contient des caractères non valides avant le @&#xa0;: {characters}</translation>
    </message>
    <message>
        <source>The part after the @-sign contains invalid characters: {characters}</source>
        <translation>La partie après le @ contient des caractères non valides&#xa0;: {characters}</translation>
    </message>
    <message>
        <source>The email address contains unsafe characters: {characters}</source>
        <translation>L’adresse e-mail contient des caractères dangereux&#xa0;: {characters}</translation>
    </message>
    <message>
        <source>The part after the @-sign is invalid.</source>
        <translation>La partie après le @ n’est pas valide.</translation>
    </message>
    <message>
        <source>The part after the @-sign is not valid. It is not within a valid top-level domain.</source>
        <translation>La partie après le @ n’est pas valide&#xa0;: elle ne finit pas par une extension de domaine valide (comme .fr ou .com).</translation>
    </message>
    <message>
        <source>The part after the @-sign is a special-use or reserved name that cannot be used with email.</source>
        <translation>La partie après le @ est un nom réservé, qui ne peut servir à l’e-mail.</translation>
    </message>
    <message>
        <source>An email address cannot end with a hyphen.</source>
        <translation>Une adresse e-mail ne peut pas finir par un tiret.</translation>
    </message>
    <message>
        <source>An email address cannot have a period and a hyphen next to each other.</source>
        <translation>Une adresse e-mail ne peut pas avoir un point et un tiret côte à côte.</translation>
    </message>
    <message>
        <source>An email address cannot have two letters followed by two dashes immediately after the @-sign or after a period, except Punycode.</source>
        <translation>Une adresse e-mail ne peut pas avoir deux lettres suivies de deux tirets juste après le @ ou après un point (sauf en Punycode).</translation>
    </message>
    <message>
        <source>After the @-sign, periods cannot be separated by so many characters.</source>
        <translation>Après le @, il ne peut pas y avoir autant de caractères entre deux points.</translation>
    </message>
    <message>
        <source>The email address is too long before the @-sign.</source>
        <translation>L’adresse e-mail est trop longue avant le @.</translation>
    </message>
    <message>
        <source>The email address is too long after the @-sign.</source>
        <translation>L’adresse e-mail est trop longue après le @.</translation>
    </message>
    <message>
        <source>The email address is too long.</source>
        <translation>L’adresse e-mail est trop longue.</translation>
    </message>
    <message>
        <source>There can&apos;t be anything after the email address.</source>
        <translation>Rien ne peut suivre l’adresse e-mail.</translation>
    </message>
    <message>
        <source>A display name and angle brackets around the email address are not permitted here.</source>
        <translation>Un nom et des chevrons autour de l’adresse e-mail ne sont pas admis ici&#xa0;: gardez seulement l’adresse.</translation>
    </message>
    <message>
        <source>An open angle bracket at the start of the email address has to be followed by a close angle bracket at the end.</source>
        <translation>Un chevron ouvrant au début de l’adresse e-mail doit avoir un chevron fermant à la fin.</translation>
    </message>
    <message>
        <source>A bracketed IP address after the @-sign is not allowed here.</source>
        <translation>Une adresse IP entre crochets après le @ n’est pas admise ici.</translation>
    </message>
    <message>
        <source>The email address has the &quot;full-width&quot; at-sign (@) character instead of a regular at-sign.</source>
        <translation>L’adresse e-mail a un @ «&#x202f;pleine chasse&#x202f;» (＠) au lieu d’un @ ordinaire.</translation>
    </message>
    <message>
        <source>The email address has the &quot;small commercial at&quot; character instead of a regular at-sign.</source>
        <translation>L’adresse e-mail a un petit @ (﹫) au lieu d’un @ ordinaire.</translation>
    </message>
    <message>
        <source>two tiers with one name</source>
        <translation>deux niveaux portent le même nom</translation>
    </message>
    <message>
        <source>every tier needs a name</source>
        <translation>chaque niveau doit avoir un nom</translation>
    </message>
    <message>
        <source>a tier needs a higher spend than {name}, the tier before it</source>
        <translation>un niveau demande un montant d’achats plus élevé que {name}, le niveau précédent</translation>
    </message>
    <message>
        <source>cannot be negative</source>
        <translation>ne peut pas être négatif</translation>
    </message>
    <message>
        <source>at most 1200 months</source>
        <translation>1200 mois au plus</translation>
    </message>
    <message>
        <source>the amount must be above 0</source>
        <translation>le montant doit être supérieur à 0</translation>
    </message>
    <message>
        <source>give a total or the purchase&apos;s lines</source>
        <translation>indiquez un total ou les lignes de l’achat</translation>
    </message>
    <message>
        <source>the due date comes before the purchase</source>
        <translation>l’échéance tombe avant l’achat</translation>
    </message>
    <message>
        <source>a paid purchase has no due date</source>
        <translation>un achat payé n’a pas d’échéance</translation>
    </message>
    <message>
        <source>a refund cannot come before its purchase</source>
        <translation>un remboursement ne peut pas précéder son achat</translation>
    </message>
    <message>
        <source>redeem at least 1 point</source>
        <translation>utilisez au moins 1 point</translation>
    </message>
    <message>
        <source>give a number of points other than 0</source>
        <translation>indiquez un nombre de points différent de 0</translation>
    </message>
    <message>
        <source>say why the points change</source>
        <translation>indiquez pourquoi les points changent</translation>
    </message>
    <message>
        <source>say what the complaint is about</source>
        <translation>indiquez l’objet de la réclamation</translation>
    </message>
    <message>
        <source>a duration cannot be negative</source>
        <translation>une durée ne peut pas être négative</translation>
    </message>
    <message>
        <source>snooze by one day or more</source>
        <translation>reportez d’un jour au moins</translation>
    </message>
    <message>
        <source>a contact cannot refer itself</source>
        <translation>un client ne peut pas se parrainer lui-même</translation>
    </message>
    <message>
        <source>the end comes before the start</source>
        <translation>la fin tombe avant le début</translation>
    </message>
    <message>
        <source>contact {contact} is in the Trash</source>
        <translation>le contact {contact} est dans la corbeille</translation>
    </message>
    <message>
        <source>interaction {interaction} has no follow-up</source>
        <translation>l’échange {interaction} n’a pas de relance</translation>
    </message>
    <message>
        <source>the follow-up of interaction {interaction} was done at {moment}</source>
        <translation>la relance de l’échange {interaction} a été faite le {moment}</translation>
    </message>
    <message>
        <source>purchase {purchase} is itself a refund</source>
        <translation>l’achat {purchase} est lui-même un remboursement</translation>
    </message>
    <message>
        <source>purchase {purchase} is a refund</source>
        <translation>l’achat {purchase} est un remboursement</translation>
    </message>
    <message>
        <source>purchase {purchase} was written off</source>
        <translation>l’achat {purchase} a été passé en perte</translation>
    </message>
    <message>
        <source>purchase {purchase} is paid already</source>
        <translation>l’achat {purchase} est déjà payé</translation>
    </message>
    <message>
        <source>purchase {purchase} has already earned its points</source>
        <translation>l’achat {purchase} a déjà rapporté ses points</translation>
    </message>
    <message>
        <source>purchase {purchase} is not a refund</source>
        <translation>l’achat {purchase} n’est pas un remboursement</translation>
    </message>
    <message>
        <source>refund {purchase} already took its points back</source>
        <translation>le remboursement {purchase} a déjà repris ses points</translation>
    </message>
    <message>
        <source>Purchase (import)</source>
        <translation>Achat (import)</translation>
    </message>
    <message>
        <source>Purchase {reference}</source>
        <translation>Achat {reference}</translation>
    </message>
    <message>
        <source>Welcome bonus</source>
        <translation>Bonus de bienvenue</translation>
    </message>
    <message>
        <source>Referral of contact {contact}</source>
        <translation>Parrainage du contact {contact}</translation>
    </message>
    <message>
        <source>Points expired</source>
        <translation>Points expirés</translation>
    </message>
    <message>
        <source>Refund (import)</source>
        <translation>Remboursement (import)</translation>
    </message>
    <message>
        <source>Refund of purchase {reference}: {why}</source>
        <translation>Remboursement de l’achat {reference}&#xa0;: {why}</translation>
    </message>
    <message>
        <source>Refund of purchase {reference}</source>
        <translation>Remboursement de l’achat {reference}</translation>
    </message>
    <message>
        <source>Written off: purchase {reference}</source>
        <translation>Passé en perte&#xa0;: achat {reference}</translation>
    </message>
    <message>
        <source>Refund {reference}</source>
        <translation>Remboursement {reference}</translation>
    </message>
    <message>
        <source>Earned</source>
        <translation>Gagnés</translation>
    </message>
    <message>
        <source>Redeemed</source>
        <translation>Utilisés</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expirés</translation>
    </message>
    <message>
        <source>Adjusted</source>
        <translation>Ajustés</translation>
    </message>
    <message>
        <source>Bonus</source>
        <translation>Bonus</translation>
    </message>
    <message>
        <source>Bronze</source>
        <translation>Bronze</translation>
    </message>
    <message>
        <source>Silver</source>
        <translation>Argent</translation>
    </message>
    <message>
        <source>Gold</source>
        <translation>Or</translation>
    </message>
</context>
<context>
    <name>phone</name>
    <message>
        <source>Mobile</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Domicile</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>Travail</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Principal</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
</context>
<context>
    <name>printing</name>
    <message>
        <source>Export PDF</source>
        <translation>Exporter en PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Fichiers PDF (*.pdf)</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Ouvrir</translation>
    </message>
    <message>
        <source>Choose another folder and export again.</source>
        <translation>Choisissez un autre dossier et exportez à nouveau.</translation>
    </message>
    <message>
        <source>A customer in this report is no longer in the database.</source>
        <translation>Un client de ce rapport n’est plus dans le fichier.</translation>
    </message>
    <message>
        <source>Perhaps it was just deleted. Check the list and try again.</source>
        <translation>Il vient peut-être d’être supprimé. Vérifiez la liste et réessayez.</translation>
    </message>
    <message>
        <source>Nothing to print: no customer is on the list any more.</source>
        <translation>Rien à imprimer&#xa0;: plus aucun client n’est dans la liste.</translation>
    </message>
    <message>
        <source>Perhaps they were just deleted. Choose other customers and try again.</source>
        <translation>Ils viennent peut-être d’être supprimés. Choisissez d’autres clients et réessayez.</translation>
    </message>
    <message>
        <source>The report could not be made.</source>
        <translation>Le rapport n’a pas pu être créé.</translation>
    </message>
    <message>
        <source>Check the details and try again.</source>
        <translation>Vérifiez les détails et réessayez.</translation>
    </message>
    <message>
        <source>Nothing was saved.</source>
        <translation>Rien n’a été enregistré.</translation>
    </message>
    <message>
        <source>The printer could not be started.</source>
        <translation>L’imprimante n’a pas pu démarrer.</translation>
    </message>
    <message>
        <source>Check that the printer is switched on and connected, or that the file to print to can be written, then print again.</source>
        <translation>Vérifiez que l’imprimante est allumée et connectée, ou que le fichier d’impression peut être écrit, puis imprimez à nouveau.</translation>
    </message>
    <message>
        <source>Free some space, or choose another disk or folder, then export again.</source>
        <translation>Libérez de la place, ou choisissez un autre disque ou dossier, puis exportez à nouveau.</translation>
    </message>
    <message>
        <source>Choose another folder, such as your Documents folder. If a file of that name is open in another program, close it and export again.</source>
        <translation>Choisissez un autre dossier, comme votre dossier Documents. Si un fichier de ce nom est ouvert dans un autre logiciel, fermez-le et exportez à nouveau.</translation>
    </message>
    <message>
        <source>Preparing “{title}”…</source>
        <translation>Préparation de «&#x202f;{title}&#x202f;»…</translation>
    </message>
    <message>
        <source>Saved “{name}” in {folder}.</source>
        <translation>«&#x202f;{name}&#x202f;» enregistré dans {folder}.</translation>
    </message>
    <message>
        <source>Saving “{name}”…</source>
        <translation>Enregistrement de «&#x202f;{name}&#x202f;»…</translation>
    </message>
    <message>
        <source>“{name}” could not be saved in {folder}: {reason}.</source>
        <translation>«&#x202f;{name}&#x202f;» n’a pas pu être enregistré dans {folder}&#xa0;: {reason}.</translation>
    </message>
    <message>
        <source>The report could not be made: {detail}.</source>
        <translation>Le rapport n’a pas pu être créé&#xa0;: {detail}.</translation>
    </message>
    <message>
        <source>There is not enough room on the disk for “{name}”.</source>
        <translation>Il n’y a pas assez de place sur le disque pour «&#x202f;{name}&#x202f;».</translation>
    </message>
    <message>
        <source>smallcrm may not write “{name}” in the folder {folder}.</source>
        <translation>smallcrm n’a pas le droit d’écrire «&#x202f;{name}&#x202f;» dans le dossier {folder}.</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist any more.</source>
        <translation>Le dossier {folder} n’existe plus.</translation>
    </message>
</context>
<context>
    <name>privacy</name>
    <message>
        <source>Everything We Hold</source>
        <translation>Tout ce que nous détenons</translation>
    </message>
    <message>
        <source>Backups and snapshots made before now still hold them. An import of a list that still has them does not add them again: only a fingerprint of their email addresses and phone numbers is kept, to know them by.</source>
        <translation>Les sauvegardes et instantanés faits avant maintenant les contiennent encore. Un import d’une liste qui les contient encore ne les ajoute pas à nouveau&#xa0;: seule une empreinte de leurs adresses e-mail et numéros de téléphone est gardée, pour les reconnaître.</translation>
    </message>
    <message>
        <source>ZIP archive (*.zip)</source>
        <translation>Archive ZIP (*.zip)</translation>
    </message>
    <message>
        <source>Erase Customer</source>
        <translation>Effacer le client</translation>
    </message>
    <message>
        <source>&amp;Save Everything We Hold, Then Erase…</source>
        <translation>&amp;Enregistrer tout ce que nous détenons, puis effacer…</translation>
    </message>
    <message>
        <source>&amp;Erase</source>
        <translation>E&amp;ffacer</translation>
    </message>
    <message>
        <source>Choose another folder and try again. Nothing was saved, and nothing was erased.</source>
        <translation>Choisissez un autre dossier et réessayez. Rien n’a été enregistré, et rien n’a été effacé.</translation>
    </message>
    <message>
        <source>Choose another folder and try again. Nothing was saved.</source>
        <translation>Choisissez un autre dossier et réessayez. Rien n’a été enregistré.</translation>
    </message>
    <message>
        <source>Their name, company, address, birthday, notes, email addresses ({emails}), phone numbers ({phones}), tags and consent; calls and notes ({calls}), points movements ({points}) and complaints ({complaints}).</source>
        <translation>Son nom, sa société, son adresse, son anniversaire, ses notes, ses adresses e-mail ({emails}), ses numéros de téléphone ({phones}), ses étiquettes et consentements&#x202f;; ses appels et notes ({calls}), mouvements de points ({points}) et réclamations ({complaints}).</translation>
    </message>
    <message>
        <source>Purchases and refunds ({purchases}) and feedback scores ({feedback}) stay without a name, so your revenue figures do not change.</source>
        <translation>Les achats et remboursements ({purchases}) et les notes d’avis ({feedback}) restent sans nom, votre chiffre d’affaires ne change donc pas.</translation>
    </message>
    <message>
        <source>{name} - everything we hold.zip</source>
        <translation>{name} - tout ce que nous détenons.zip</translation>
    </message>
    <message>
        <source>Nothing was saved, and nothing was erased.</source>
        <translation>Rien n’a été enregistré, et rien n’a été effacé.</translation>
    </message>
    <message>
        <source>Saving everything we hold about {name}…</source>
        <translation>Enregistrement de tout ce que nous détenons sur {name}…</translation>
    </message>
    <message>
        <source>“{name}” could not be saved in {folder}: {reason}.</source>
        <translation>«&#x202f;{name}&#x202f;» n’a pas pu être enregistré dans {folder}&#xa0;: {reason}.</translation>
    </message>
    <message>
        <source>Erase {name} for good? This cannot be undone.</source>
        <translation>Effacer définitivement {name}&#x202f;? Impossible de revenir en arrière.</translation>
    </message>
    <message>
        <source>Erasing {name}…</source>
        <translation>Effacement de {name}…</translation>
    </message>
    <message>
        <source>customer</source>
        <translation>client</translation>
    </message>
    <message>
        <source>Everything we hold about {name} was saved to “{file}” in {folder}.</source>
        <translation>Tout ce que nous détenons sur {name} a été enregistré dans «&#x202f;{file}&#x202f;» dans {folder}.</translation>
    </message>
    <message>
        <source>{name} was erased for good; their purchases stay without a name. The undo history was cleared.</source>
        <translation>{name} a été effacé définitivement&#x202f;; ses achats restent sans nom. L’historique d’annulation a été vidé.</translation>
    </message>
</context>
<context>
    <name>programs</name>
    <message>
        <source>Google Contacts, Google CSV</source>
        <translation>Google Contacts, CSV Google</translation>
    </message>
    <message>
        <source>Google Contacts, Google CSV (until about 2021)</source>
        <translation>Google Contacts, CSV Google (jusqu’en 2021 environ)</translation>
    </message>
    <message>
        <source>Google Contacts, Outlook CSV</source>
        <translation>Google Contacts, CSV Outlook</translation>
    </message>
    <message>
        <source>Outlook (desktop), Export to a file as CSV</source>
        <translation>Outlook (bureau), Exporter vers un fichier CSV</translation>
    </message>
    <message>
        <source>Outlook.com People</source>
        <translation>Contacts d’Outlook.com</translation>
    </message>
    <message>
        <source>Thunderbird address book</source>
        <translation>Carnet d’adresses de Thunderbird</translation>
    </message>
    <message>
        <source>Yahoo contacts</source>
        <translation>Contacts Yahoo</translation>
    </message>
    <message>
        <source>Shopify customers</source>
        <translation>Clients Shopify</translation>
    </message>
    <message>
        <source>Shopify customers (before 2022)</source>
        <translation>Clients Shopify (avant 2022)</translation>
    </message>
    <message>
        <source>Square customer directory</source>
        <translation>Annuaire des clients Square</translation>
    </message>
    <message>
        <source>WooCommerce Analytics customers</source>
        <translation>Clients de WooCommerce Analytics</translation>
    </message>
    <message>
        <source>Mailchimp audience</source>
        <translation>Audience Mailchimp</translation>
    </message>
    <message>
        <source>Contacts of a phone or a mail program (vCard)</source>
        <translation>Contacts d’un téléphone ou d’une messagerie (vCard)</translation>
    </message>
</context>
<context>
    <name>rejects</name>
    <message>
        <source>{reason}, in column “{column}”</source>
        <translation>{reason}, en colonne «&#xa0;{column}&#xa0;»</translation>
    </message>
    <message>
        <source>no name, company, email or phone</source>
        <translation>ni nom, ni entreprise, ni e-mail, ni téléphone</translation>
    </message>
    <message>
        <source>the total of the rows above, not a customer: nothing to import</source>
        <translation>le total des lignes au-dessus, pas un client&#xa0;: rien à importer</translation>
    </message>
    <message>
        <source>the notes are too long: at most 100,000 characters</source>
        <translation>les notes sont trop longues&#xa0;: 100&#xa0;000 caractères au plus</translation>
    </message>
    <message>
        <source>invalid email</source>
        <translation>e-mail non valide</translation>
    </message>
    <message>
        <source>invalid phone number</source>
        <translation>numéro de téléphone non valide</translation>
    </message>
    <message>
        <source>too long</source>
        <translation>trop long</translation>
    </message>
    <message>
        <source>too long: at most 200 characters</source>
        <translation>trop long&#xa0;: 200 caractères au plus</translation>
    </message>
    <message>
        <source>ambiguous date</source>
        <translation>date ambiguë</translation>
    </message>
    <message>
        <source>a letter cannot be read (it shows as “�”): the file was cut short or damaged before it was imported; type the row in as it should be</source>
        <translation>une lettre est illisible (elle s’affiche «&#x202f;�&#x202f;»)&#xa0;: le fichier a été coupé ou abîmé avant l’import&#xa0;; saisissez la ligne telle qu’elle doit être</translation>
    </message>
    <message>
        <source>the phone number cannot be read: write it with its country code (+33…), or choose the country the file&apos;s numbers are from</source>
        <translation>le numéro de téléphone ne peut pas être lu&#xa0;: écrivez-le avec son indicatif (+33…), ou choisissez le pays des numéros du fichier</translation>
    </message>
    <message>
        <source>the date is missing</source>
        <translation>la date manque</translation>
    </message>
    <message>
        <source>not a date (and time) that can be read</source>
        <translation>pas une date (et heure) lisible</translation>
    </message>
    <message>
        <source>not a due date that can be read</source>
        <translation>pas une date d’échéance lisible</translation>
    </message>
    <message>
        <source>the due date comes before the sale</source>
        <translation>la date d’échéance précède la vente</translation>
    </message>
    <message>
        <source>a payment status that is not paid, due, written off or cancelled</source>
        <translation>un statut de paiement qui n’est ni payé, ni dû, ni passé en perte, ni annulé</translation>
    </message>
    <message>
        <source>cancelled or refunded in the file: not a sale to record</source>
        <translation>annulé ou remboursé dans le fichier&#xa0;: pas une vente à enregistrer</translation>
    </message>
    <message>
        <source>a refund of a sale the file says was cancelled or refunded: neither is recorded</source>
        <translation>remboursement d’une vente que le fichier dit annulée ou remboursée&#xa0;: ni l’une ni l’autre n’est enregistrée</translation>
    </message>
    <message>
        <source>its sale&apos;s refund was recorded before: not recorded again</source>
        <translation>le remboursement de sa vente a déjà été enregistré&#xa0;: pas enregistré à nouveau</translation>
    </message>
    <message>
        <source>not a sale (the row&apos;s type or status says so): not recorded</source>
        <translation>pas une vente (le type ou le statut de la ligne le dit)&#xa0;: non enregistrée</translation>
    </message>
    <message>
        <source>the total of the rows above, not a sale: nothing to record</source>
        <translation>le total des lignes au-dessus, pas une vente&#xa0;: rien à enregistrer</translation>
    </message>
    <message>
        <source>the quantity could be read two ways: write it without a separator (1000, or 1)</source>
        <translation>la quantité peut se lire de deux façons&#xa0;: écrivez-la sans séparateur (1000, ou 1)</translation>
    </message>
    <message>
        <source>the quantity is not a number</source>
        <translation>la quantité n’est pas un nombre</translation>
    </message>
    <message>
        <source>what was refunded is neither an amount nor a yes or no</source>
        <translation>le remboursement n’est ni un montant ni un oui ou non</translation>
    </message>
    <message>
        <source>what was paid is neither an amount nor a yes or no</source>
        <translation>ce qui a été payé n’est ni un montant ni un oui ou non</translation>
    </message>
    <message>
        <source>the discount is neither an amount nor a percentage</source>
        <translation>la remise n’est ni un montant ni un pourcentage</translation>
    </message>
    <message>
        <source>a number with a comma, not in quotes (1,234.50), split the row&apos;s cells in a way that can be read two ways: put such numbers in quotes, or write them without the comma</source>
        <translation>un nombre avec une virgule hors guillemets (1,234.50) a coupé les cellules de la ligne d’une façon qui se lit de deux manières&#x202f;: mettez ces nombres entre guillemets, ou écrivez-les sans la virgule</translation>
    </message>
    <message>
        <source>the discount is more than the line it is taken off</source>
        <translation>la remise dépasse la ligne dont elle est déduite</translation>
    </message>
    <message>
        <source>a spreadsheet cut this customer number short: export the file again with the numbers as text</source>
        <translation>un tableur a tronqué ce numéro de client&#x202f;: exportez à nouveau le fichier avec les numéros en texte</translation>
    </message>
    <message>
        <source>no amount, and no quantity with a unit price</source>
        <translation>ni montant, ni quantité avec un prix unitaire</translation>
    </message>
    <message>
        <source>the amount is too large</source>
        <translation>le montant est trop grand</translation>
    </message>
    <message>
        <source>the total is 0: nothing to record</source>
        <translation>le total est 0&#xa0;: rien à enregistrer</translation>
    </message>
    <message>
        <source>already imported</source>
        <translation>déjà importé</translation>
    </message>
    <message>
        <source>already imported with another total, which is kept: change the purchase by hand if the sale changed</source>
        <translation>déjà importé avec un autre total, qui est gardé&#xa0;: modifiez l’achat à la main si la vente a changé</translation>
    </message>
    <message>
        <source>imported before as due, and paid since: marked paid</source>
        <translation>importé avant comme dû, et payé depuis&#xa0;: marqué payé</translation>
    </message>
    <message>
        <source>no customer with this email</source>
        <translation>aucun client avec cet e-mail</translation>
    </message>
    <message>
        <source>no customer with this phone</source>
        <translation>aucun client avec ce téléphone</translation>
    </message>
    <message>
        <source>no customer with this customer number</source>
        <translation>aucun client avec ce numéro client</translation>
    </message>
    <message>
        <source>no customer with this customer name</source>
        <translation>aucun client avec ce nom</translation>
    </message>
    <message>
        <source>another row of this receipt was rejected: the whole receipt is left out</source>
        <translation>une autre ligne de ce ticket a été rejetée&#xa0;: tout le ticket est laissé de côté</translation>
    </message>
    <message>
        <source>the date is in the future</source>
        <translation>la date est dans le futur</translation>
    </message>
    <message>
        <source>the date is before 1900</source>
        <translation>la date est antérieure à 1900</translation>
    </message>
    <message>
        <source>the quantity is too large</source>
        <translation>la quantité est trop grande</translation>
    </message>
    <message>
        <source>receipt {reference} is in {currency}, this row in {other}</source>
        <translation>le ticket {reference} est en {currency}, cette ligne en {other}</translation>
    </message>
    <message>
        <source>receipt {reference} belongs to another customer on an earlier row</source>
        <translation>le ticket {reference} appartient à un autre client sur une ligne précédente</translation>
    </message>
    <message>
        <source>{count} customers have this email: find the customers by another column instead</source>
        <translation>{count}&#xa0;clients ont cet e-mail&#xa0;: trouvez les clients par une autre colonne</translation>
    </message>
    <message>
        <source>{count} customers have this phone number: find the customers by another column instead</source>
        <translation>{count}&#xa0;clients ont ce numéro de téléphone&#xa0;: trouvez les clients par une autre colonne</translation>
    </message>
    <message>
        <source>{count} customers have this customer number: find the customers by another column instead</source>
        <translation>{count}&#xa0;clients ont ce numéro de client&#xa0;: trouvez les clients par une autre colonne</translation>
    </message>
    <message>
        <source>{count} customers have this name: find the customers by email, phone or id instead</source>
        <translation>{count} clients ont ce nom&#xa0;: trouvez plutôt les clients par e-mail, téléphone ou identifiant</translation>
    </message>
    <message>
        <source>{customer} is in the Trash: restore the customer first</source>
        <translation>{customer} est dans la corbeille&#xa0;: restaurez d’abord ce client</translation>
    </message>
    <message>
        <source>use a three-letter code such as EUR, GBP or USD</source>
        <translation>utilisez un code de trois lettres comme EUR, GBP ou USD</translation>
    </message>
    <message>
        <source>not an amount</source>
        <translation>pas un montant</translation>
    </message>
    <message>
        <source>the decimal mark must come once, last</source>
        <translation>le séparateur décimal doit venir une seule fois, en dernier</translation>
    </message>
    <message>
        <source>mixed thousands separators</source>
        <translation>séparateurs de milliers mélangés</translation>
    </message>
    <message>
        <source>the thousands separators are not where they belong</source>
        <translation>les séparateurs de milliers ne sont pas à leur place</translation>
    </message>
    <message>
        <source>the amount is in {found}, not {currency}</source>
        <translation>le montant est en {found}, pas en {currency}</translation>
    </message>
    <message>
        <source>“{sign}” is the sign of several currencies ({codes}), none of them {currency}: say which is the currency of rows without one, or add a currency column</source>
        <translation>«&#xa0;{sign}&#xa0;» est le symbole de plusieurs devises ({codes}), dont aucune n’est {currency}&#xa0;: indiquez la devise des lignes qui n’en ont pas, ou ajoutez une colonne de devise</translation>
    </message>
    <message>
        <source>{written} could be {one} or {other}</source>
        <translation>{written} peut se lire {one} ou {other}</translation>
    </message>
    <message>
        <source>{currency} has {digits} decimals</source>
        <translation>{currency} a {digits} décimales</translation>
    </message>
    <message>
        <source>{currency} has no decimals</source>
        <translation>{currency} n’a pas de décimales</translation>
    </message>
    <message>
        <source>same email</source>
        <translation>même e-mail</translation>
    </message>
    <message>
        <source>same phone</source>
        <translation>même téléphone</translation>
    </message>
    <message>
        <source>same name</source>
        <translation>même nom</translation>
    </message>
    <message>
        <source>close name, same city</source>
        <translation>nom proche, même ville</translation>
    </message>
    <message>
        <source>close name, same postal code</source>
        <translation>nom proche, même code postal</translation>
    </message>
    <message>
        <source>close name, same company</source>
        <translation>nom proche, même entreprise</translation>
    </message>
    <message>
        <source>close name, same birthday</source>
        <translation>nom proche, même anniversaire</translation>
    </message>
    <message>
        <source>same customer number</source>
        <translation>même numéro de client</translation>
    </message>
    <message>
        <source>{reason}: {detail}</source>
        <translation>{reason}&#xa0;: {detail}</translation>
    </message>
</context>
<context>
    <name>segments</name>
    <message>
        <source>Champions</source>
        <translation>Champions</translation>
    </message>
    <message>
        <source>They bought recently, buy often and spend the most.</source>
        <translation>Ils ont acheté récemment, achètent souvent et dépensent le plus.</translation>
    </message>
    <message>
        <source>Loyal customers</source>
        <translation>Clients fidèles</translation>
    </message>
    <message>
        <source>They buy often and spend well, though not quite as recently as the champions.</source>
        <translation>Ils achètent souvent et dépensent bien, mais un peu moins récemment que les champions.</translation>
    </message>
    <message>
        <source>Potential regulars</source>
        <translation>Habitués en devenir</translation>
    </message>
    <message>
        <source>They bought recently and spend a fair amount: a little attention could make them regulars.</source>
        <translation>Ils ont acheté récemment et dépensent assez&#xa0;: un peu d’attention pourrait en faire des habitués.</translation>
    </message>
    <message>
        <source>They used to buy often and spend well, but have not been back for a while.</source>
        <translation>Ils achetaient souvent et dépensaient bien, mais ne sont pas revenus depuis un moment.</translation>
    </message>
    <message>
        <source>Can&apos;t lose them</source>
        <translation>À ne pas perdre</translation>
    </message>
    <message>
        <source>Among your best customers ever, but they have not bought for a long time.</source>
        <translation>Parmi vos meilleurs clients, mais ils n’ont rien acheté depuis longtemps.</translation>
    </message>
    <message>
        <source>They bought a little, long ago, and have not been back since.</source>
        <translation>Ils ont peu acheté, il y a longtemps, et ne sont pas revenus depuis.</translation>
    </message>
    <message>
        <source>New customers</source>
        <translation>Nouveaux clients</translation>
    </message>
    <message>
        <source>They bought recently, but only once or a little so far.</source>
        <translation>Ils ont acheté récemment, mais une seule fois ou peu jusqu’ici.</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>À risque</translation>
    </message>
    <message>
        <source>Hibernating</source>
        <translation>En sommeil</translation>
    </message>
    <message>
        <source>They bought a little, some time ago.</source>
        <translation>Ils ont peu acheté, il y a quelque temps.</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>Perdus</translation>
    </message>
</context>
<context>
    <name>undo</name>
    <message>
        <source>calls or notes</source>
        <translation>des appels ou des notes</translation>
    </message>
    <message>
        <source>purchases</source>
        <translation>des achats</translation>
    </message>
    <message>
        <source>points</source>
        <translation>des points</translation>
    </message>
    <message>
        <source>feedback</source>
        <translation>des avis</translation>
    </message>
    <message>
        <source>complaints</source>
        <translation>des réclamations</translation>
    </message>
    <message>
        <source>customers they referred</source>
        <translation>des clients recommandés</translation>
    </message>
    <message>
        <source>a complaint</source>
        <translation>une réclamation</translation>
    </message>
    <message>
        <source>Undo the import of {file}? The purchases it recorded are removed with their points, and so are the customers it created. To have them back, import the file again.</source>
        <translation>Défaire l’import de {file}&#xa0;? Les achats qu’il a enregistrés sont supprimés avec leurs points, ainsi que les clients qu’il a créés. Pour les retrouver, importez de nouveau le fichier.</translation>
    </message>
    <message>
        <source>Undo the import of {file}? The customers it added are removed and those it changed are put back as they were. To have them back, import the file again.</source>
        <translation>Défaire l’import de {file}&#xa0;? Les clients qu’il a ajoutés sont supprimés et ceux qu’il a modifiés sont remis tels qu’ils étaient. Pour les retrouver, importez de nouveau le fichier.</translation>
    </message>
    <message>
        <source>Undo this import?</source>
        <translation>Défaire cet import&#xa0;?</translation>
    </message>
    <message>
        <source>Not undone. {why} Nothing was changed.</source>
        <translation>Non défait. {why} Rien n’a été modifié.</translation>
    </message>
    <message>
        <source>This import was already undone.</source>
        <translation>Cet import a déjà été défait.</translation>
    </message>
    <message>
        <source>A later import ({file}, {when}) changed the same customers. Undo that one first, then this one.</source>
        <translation>Un import plus récent ({file}, {when}) a modifié les mêmes clients. Défaites-le d’abord, puis celui-ci.</translation>
    </message>
    <message>
        <source>{name} was changed after this import: undoing it would lose that change.</source>
        <translation>{name} a été modifié après cet import&#xa0;: le défaire ferait perdre cette modification.</translation>
    </message>
    <message>
        <source>{name}, added by this import, now has {has} of their own: undoing the import would delete them.</source>
        <translation>{name}, ajouté par cet import, a maintenant {has} à son nom&#xa0;: défaire l’import les supprimerait.</translation>
    </message>
    <message>
        <source>The refund with receipt {receipt}, recorded by this import, was linked to its sale by a later import ({file}, {when}). Undo that one first, then this one.</source>
        <translation>Le remboursement du ticket {receipt}, enregistré par cet import, a été rattaché à sa vente par un import plus récent ({file}, {when}). Défaites-le d’abord, puis celui-ci.</translation>
    </message>
    <message>
        <source>The purchase with receipt {receipt}, recorded by this import, has {has} about it now: undoing the import would delete it.</source>
        <translation>Il existe maintenant {has} sur l’achat du ticket {receipt}, enregistré par cet import&#xa0;: défaire l’import le supprimerait.</translation>
    </message>
    <message>
        <source>Points this import gave {name} have expired since: undoing it would take other points of theirs.</source>
        <translation>Des points donnés par cet import à {name} ont expiré depuis&#xa0;: le défaire lui retirerait d’autres points.</translation>
    </message>
    <message>
        <source>Customers it added who are in the Trash, deleted for good too: {n}.</source>
        <translation>Clients qu’il a ajoutés et qui sont dans la corbeille, supprimés définitivement eux aussi&#xa0;: {n}.</translation>
    </message>
    <message>
        <source>The purchase with receipt {receipt}, recorded by this import as due, was marked paid by a later import ({file}, {when}). Undo that one first, then this one.</source>
        <translation>L’achat du ticket {receipt}, enregistré par cet import comme dû, a été marqué payé par un import plus récent ({file}, {when}). Défaites-le d’abord, puis celui-ci.</translation>
    </message>
    <message>
        <source>The purchase with receipt {receipt}, recorded by this import as due, was paid or written off since.</source>
        <translation>L’achat du ticket {receipt}, enregistré par cet import comme dû, a été payé ou passé en perte depuis.</translation>
    </message>
    <message>
        <source>Of those, from the Trash: {n}.</source>
        <translation>Dont dans la corbeille&#xa0;: {n}.</translation>
    </message>
    <message>
        <source>{name} has spent points this import gave: undoing it would leave a balance below zero.</source>
        <translation>{name} a dépensé des points donnés par cet import&#xa0;: le défaire laisserait un solde négatif.</translation>
    </message>
    <message>
        <source>customer #{id}</source>
        <translation>client n° {id}</translation>
    </message>
    <message>
        <source>#{id}</source>
        <translation>n°&#xa0;{id}</translation>
    </message>
    <message>
        <source>The purchase with receipt {receipt}, recorded by this import, was refunded by a later import ({file}, {when}). Undo that one first, then this one.</source>
        <translation>L’achat du ticket {receipt}, enregistré par cet import, a été remboursé par un import plus récent ({file}, {when}). Défaites-le d’abord, puis celui-ci.</translation>
    </message>
    <message>
        <source>The purchase with receipt {receipt}, recorded by this import, was refunded since: undo the refund first.</source>
        <translation>L’achat du ticket {receipt}, enregistré par cet import, a été remboursé depuis&#xa0;: défaites d’abord le remboursement.</translation>
    </message>
</context>
</TS>
