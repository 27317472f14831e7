/**
 * The privacy benchmark corpus: realistic tickets (German and English, names from German, English,
 * Polish, Turkish, French, Italian and other backgrounds) with planted personal data and secrets
 * ⟦category|value⟧ and things second level needs that must survive ⟪value⟫. Written to every
 * export format the importer reads by test/bench/privacy.ts.
 *
 * The texts were written as tickets are written (pasted mails, hurried notes, signatures), not
 * from the redaction rules; categories follow issue 13.
 */

export type PlantCategory =
  'name-field' | 'name-context' | 'email' | 'phone' | 'employee-id' | 'logon' | 'iban' | 'password' | 'token' | 'bitlocker';
export const STRUCTURED: readonly PlantCategory[] = ['email', 'phone', 'employee-id', 'logon', 'iban', 'password', 'token', 'bitlocker'];
export const NAMES: readonly PlantCategory[] = ['name-field', 'name-context'];

export interface Scene {
  lang: 'de' | 'en';
  title: string;
  /** Caller/requester and agent as the person fields hold them. */
  caller: string;
  agent: string;
  /** First customer text (description / first article). */
  problem: string;
  /** Agent's solution / close notes. */
  resolution: string;
  /** Extra journal/comment by the agent (work notes). */
  note?: string;
}

const NFD = (s: string) => s.normalize('NFD');
const ZW = '\u200b';

export const SCENES: Scene[] = [
  {
    lang: 'de',
    title: 'VPN-Verbindung bricht im Homeoffice ab',
    caller: 'Jürgen Weiß',
    agent: 'Aylin Demir',
    problem: `Hallo zusammen,

seit dem Update auf ⟪Cisco AnyConnect 4.10⟫ bricht die Verbindung zu ⟪vpn.muster.example⟫ nach ca. 10 Minuten ab. Fehlermeldung ⟪0x80070005⟫ im Log.
Ich ⟪weiß nicht⟫, ob es am WLAN liegt. Bitte Rückruf unter ⟦phone|0172 4455667⟧.

Viele Grüße, ⟦name-field|Jürgen Weiß⟧
Einkauf, Geb. 3`,
    resolution: `MTU am Client auf 1400 gesetzt, Profil neu verteilt. ⟦name-field|Herr Weiß⟧ bestätigt, dass es seit 2 Tagen stabil läuft.`,
    note: `Rückfrage bei ⟦name-field|WEISS, JÜRGEN⟧ – Rechner ⟪NB-MUC-0421⟫ hat ⟪Windows 11 23H2⟫.`,
  },
  {
    lang: 'de',
    title: 'Outlook startet nur im abgesicherten Modus',
    caller: 'Katarzyna Kowalczyk',
    agent: 'Jonas Becker',
    problem: `Guten Morgen,
Outlook (⟪Microsoft 365 Apps 16.0.17928.20114⟫) startet nur noch mit /safe. Meine Kollegin ⟦name-context|Martina Hölzl⟧ hat dasselbe Problem.
Gruß
⟦name-field|Kasia Kowalczyk⟧`,
    resolution: `Add-in ⟪Muster CRM Connector⟫ deaktiviert, ⟪%LOCALAPPDATA%\\Microsoft\\Outlook⟫ bereinigt. Danach startet Outlook normal.`,
    note: `Hallo Frau ⟦name-field|Kowalczyk⟧, bitte einmal neu anmelden. Ihre Personalnummer ⟦employee-id|40117⟧ ist im Ticket vermerkt.`,
  },
  {
    lang: 'en',
    title: 'Windows Hello PIN setup fails with error 0x801c03ed',
    caller: 'Chloé Martin',
    agent: 'Mehmet Yılmaz',
    problem: `Hello,
when I set up ⟪Windows Hello⟫ I get ⟪0x801c03ed⟫. My manager is ⟦name-context|Richard Thompson⟧ and he needs this done today.
Employee ID ⟦employee-id|E-20931⟧, laptop ⟪PC-LON-2231⟫.
Thanks,
⟦name-field|Chloe Martin⟧`,
    resolution: `Device was missing from the ⟪Entra ID⟫ group "WHfB-Pilot". Added it, ran ⟪dsregcmd /status⟫, PIN setup works.`,
    note: `Called ⟦name-field|Chloé⟧ back on ⟦phone|+44 20 7946 0958⟧.`,
  },
  {
    lang: 'de',
    title: 'Konto nach Passwortänderung gesperrt',
    caller: 'Thomas Becker',
    agent: 'Sabine Schulz',
    problem: `Mein Konto ist nach der Kennwortänderung sofort wieder gesperrt. Benutzer ⟦logon|MUSTER\\tbecker⟧, Fehler ⟪0xc000006d⟫ / Event ⟪4625⟫ auf ⟪dc01.muster.local⟫.`,
    resolution: `Alte Anmeldedaten im ⟪Windows-Anmeldeinformationsverwaltung⟫ gelöscht (⟪cmdkey /list⟫), Konto entsperrt. Temporäres Passwort wurde auf ⟦password|Herbst2026!⟧ gesetzt.`,
    note: `⟦name-field|Thomas Becker⟧ (⟦logon|tbecker⟧) informiert.`,
  },
  {
    lang: 'en',
    title: 'Test account cannot sign in to SAP GUI',
    caller: 'Oliver Bennett',
    agent: 'Agnieszka Wiśniewska',
    problem: `SAP Logon 800 (⟪SAP GUI 8.00⟫) says "Name or password is incorrect (repeat logon)". Password for test account was ⟦password|Winter2025#⟧ until yesterday.
Reported by ⟦name-context|Fiona Gallagher⟧ from Finance.`,
    resolution: `Test user was locked in client 100 after 5 attempts. Unlocked in ⟪SU01⟫ and reset; see ⟪SAP Note 3089413⟫.`,
  },
  {
    lang: 'de',
    title: 'Drucker im 3. OG druckt leere Seiten',
    caller: 'Leonie Schmitt',
    agent: 'Olaf Ost',
    problem: `Der ⟪HP LaserJet M507⟫ (⟪PRN-MUC-3OG-01⟫, ⟪10.20.31.15⟫) druckt nur leere Seiten.

Mit freundlichen Grüßen
⟦name-field|Leonie Schmitt⟧
Teamassistenz Vertrieb
Tel.: ⟦phone|+49 89 4711-2233⟧
⟦email|leonie.schmitt@muster.example⟧`,
    resolution: `Toner war falsch eingesetzt (Transportsicherung nicht entfernt). Vor Ort behoben.`,
  },
  {
    lang: 'de',
    title: 'Gehaltsabrechnung: Überweisung an falsches Konto',
    caller: 'Emre Aydın',
    agent: 'Sabine Schulz',
    problem: `Im Self-Service-Portal ist eine alte Bankverbindung hinterlegt: ⟦iban|DE89370400440532013000⟧. Neu wäre ⟦iban|DE02 1203 0000 0000 2020 51⟧.
Im Auftrag von ⟦name-context|Frau Brigitte Hansen⟧ (Personalabteilung).`,
    resolution: `Feld in ⟪SAP HCM⟫ war gesperrt wegen laufender Abrechnung; nach dem Lauf freigegeben, Änderung durch HR eingetragen.`,
    note: `Rückruf an ⟦name-field|Aydin, Emre⟧ erledigt.`,
  },
  {
    lang: 'en',
    title: 'GitHub Actions deploy fails after token rotation',
    caller: 'Daniel Cohen',
    agent: 'Lukas Hoffmann',
    problem: `Our deploy job on ⟪build01.muster.local⟫ fails with HTTP ⟪401⟫. I pasted the token into the runner config: ⟦token|ghp_8fJk2LmN0pQr4StUv6WxYz1AbCdEfGhIjK3l⟧
Also the AWS key ⟦token|AKIA2OGYBAH6XYZ7QWER⟧ is still in the old script.`,
    resolution: `Both credentials revoked and rotated; the runner now reads them from the vault. Old key removed from ⟪deploy.sh⟫ history.`,
  },
  {
    lang: 'de',
    title: 'BitLocker-Wiederherstellung nach BIOS-Update',
    caller: 'Murat Öztürk',
    agent: 'Jonas Becker',
    problem: `Nach dem ⟪BIOS-Update 1.21.0⟫ auf dem ⟪Lenovo ThinkPad T14 Gen 3⟫ fragt BitLocker nach dem Wiederherstellungsschlüssel.`,
    resolution: `Schlüssel-ID ⟪4F1A2B3C⟫ im ⟪Intune⟫-Portal gefunden und vorgelesen: ⟦bitlocker|412368-502117-331639-120098-654511-703362-219923-448800⟧. Danach BitLocker angehalten, BIOS-Update erneut, Schutz wieder aktiviert.`,
    note: `⟦name-field|Herr Öztürk⟧ hat den Schlüssel so notiert: ⟦bitlocker|412368 502117 331639 120098 654511 703362 219923 448801⟧`,
  },
  {
    lang: 'en',
    title: 'Teams meeting audio drops on docking station',
    caller: 'Sophie Wright',
    agent: 'Paweł Nowak',
    problem: `From: ⟦name-context|Harrison, James⟧ <⟦email|james.harrison@muster.example⟧>
Sent: Monday, 2 November 2026 09:14
To: IT Service Desk
Subject: Teams audio

Audio in ⟪Microsoft Teams⟫ drops whenever the laptop is on the ⟪Dell WD19S⟫ dock. Please help ⟦name-field|Sophie⟧ too, she sits next to me.`,
    resolution: `Dock firmware updated to ⟪01.00.32⟫ and ⟪Realtek USB Audio⟫ driver replaced; audio stable in test call.`,
  },
  {
    lang: 'de',
    title: 'Zugriff auf Abteilungslaufwerk fehlt',
    caller: 'Anna-Lena Vogt',
    agent: 'Olaf Ost',
    problem: `Hallo Servicedesk,
ich komme nicht auf ⟪\\\\srv-fs01\\abteilung$⟫. Meine Vorgesetzte ist ⟦name-context|Dr. Ingrid Sauerbrey⟧, sie hat die Freigabe schon beantragt.
LG ⟦name-field|Anna-Lena⟧`,
    resolution: `Benutzer war nicht in der AD-Gruppe ⟪GG-FS01-Abteilung-RW⟫. Gruppe ergänzt, nach Neuanmeldung Zugriff ok.`,
  },
  {
    lang: 'en',
    title: 'Slack webhook posts fail',
    caller: 'Priya Raman',
    agent: 'Lukas Hoffmann',
    problem: `Our monitoring on ⟪mon02.muster.local⟫ can't post to Slack any more, token ⟦token|xoxb-2841927461-5520183746-QWErtyUIop1234asdfGHJK⟧ returns invalid_auth.`,
    resolution: `Token belonged to a deactivated bot user. Re-created the app, new token stored in the vault; test message from ⟪Zabbix 6.4⟫ arrives.`,
  },
  {
    lang: 'de',
    title: 'MFA-Aufforderung in Schleife (AADSTS50076)',
    caller: 'Paulina Zielińska',
    agent: 'Aylin Demir',
    problem: `Beim Anmelden kommt immer wieder ⟪AADSTS50076⟫, dann wieder die Anmeldeseite. UPN ist ⟦email|p.zielinska@muster.onmicrosoft.com⟧.
Telefon: ⟦phone|089 / 4711 3344⟧`,
    resolution: `Veraltete ⟪Microsoft Authenticator⟫-Registrierung gelöscht, neu registriert. Richtlinie ⟪CA-007 Require MFA⟫ greift korrekt.`,
    note: `Sehr geehrte Frau ⟦name-field|Zielinska⟧, bitte die App neu einrichten.`,
  },
  {
    lang: 'en',
    title: 'Printer driver install blocked by PrintNightmare policy',
    caller: 'Michael O’Connor',
    agent: 'Olaf Ost',
    problem: `Can't install the ⟪Kyocera TASKalfa 3253ci⟫ driver, error ⟪0x00000bcb⟫. Cc: ⟦name-context|Gemma Whitfield⟧; I'm raising this on behalf of ⟦name-context|Stuart McAllister⟧.`,
    resolution: `Driver package approved in ⟪Point and Print⟫ policy (⟪KB5005652⟫ behaviour). Installed from ⟪print01.muster.local⟫.`,
  },
  {
    lang: 'de',
    title: 'Excel-Makros werden blockiert',
    caller: 'Stefanie Krüger',
    agent: 'Jonas Becker',
    problem: `Servus,
die Makros in der Datei vom Fileserver werden blockiert ("⟪Microsoft hat die Ausführung von Makros blockiert⟫").
Login: ⟦logon|skrueger⟧
Danke und Gruß
⟦name-field|Steffi Krüger⟧`,
    resolution: `Pfad ⟪\\\\srv-fs02\\controlling⟫ als vertrauenswürdiger Speicherort per Intune verteilt.`,
  },
  {
    lang: 'en',
    title: 'Shared mailbox not visible in Outlook',
    caller: 'Hannah Fischer',
    agent: 'Paweł Nowak',
    problem: `Hi ⟦name-field|Paweł⟧,
the shared mailbox ⟪einkauf@⟫ (not a person) does not show up. Username ⟦logon|hfischer2⟧, my colleague ⟦name-context|Agata Lewandowska⟧ sees it.
Best regards,
⟦name-field|Hannah Fischer⟧`,
    resolution: `Automapping was off for the permission. Re-added FullAccess with ⟪Add-MailboxPermission -AutoMapping $true⟫; visible after restart.`,
  },
  {
    lang: 'de',
    title: 'Neuer Mitarbeiter: Initialpasswort funktioniert nicht',
    caller: 'Ralf Dietrich',
    agent: 'Sabine Schulz',
    problem: `Hallo, unser neuer Azubi ⟦name-context|Kevin Schröder⟧ kann sich nicht anmelden. Initialpasswort: ⟦password|Start#2026⟧. Mitarbeiternummer ⟦employee-id|77123⟧.`,
    resolution: `Konto war noch nicht aktiv (Eintrittsdatum in der Zukunft). Aktiviert, ⟪Kennwort bei nächster Anmeldung ändern⟫ gesetzt.`,
  },
  {
    lang: 'en',
    title: 'JWT rejected by intranet API',
    caller: 'Ethan Brooks',
    agent: 'Lukas Hoffmann',
    problem: `Calls to ⟪https://api.intranet.muster.example/v2/orders⟫ return ⟪HTTP 403⟫. Token I used: ⟦token|eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJlYnJvb2tzIn0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk⟧`,
    resolution: `Audience claim was wrong after the app registration move; client config updated to the new ⟪Application ID URI⟫.`,
  },
  {
    lang: 'de',
    title: 'Scan-to-Mail am Multifunktionsgerät schlägt fehl',
    caller: 'Gülşen Yıldız',
    agent: 'Olaf Ost',
    problem: `Das MFP im Eingang meldet ⟪535 5.7.139 Authentication unsuccessful⟫. Das Passwort lautet: ⟦password|Scan2Mail!77⟧ (steht auf dem Zettel am Gerät).
Gruß ⟦name-field|Gülşen⟧`,
    resolution: `SMTP AUTH für das Scan-Postfach in ⟪Exchange Online⟫ wieder aktiviert, Kennwort neu gesetzt und im Tresor hinterlegt.`,
  },
  {
    lang: 'en',
    title: 'Laptop keeps asking for BitLocker recovery',
    caller: 'Liam Walsh',
    agent: 'Mehmet Yılmaz',
    problem: `Every boot asks for the recovery key. Ticket ⟪INC0042311⟫ was the same last month.`,
    resolution: `TPM was cleared by a firmware bug; suspended BitLocker, updated to ⟪BIOS 1.18.2⟫, resumed. Read the key to the user: ⟦bitlocker|080234 557711 229900 664433 110055 778899 334466 990011⟧.`,
    note: `Mr ⟦name-field|Walsh⟧ confirmed on ⟦phone|07700 900123⟧.`,
  },
  {
    lang: 'de',
    title: 'Zertifikatsfehler beim Aufruf des Intranets',
    caller: 'Sven Lindqvist',
    agent: 'Aylin Demir',
    problem: `Edge zeigt ⟪NET::ERR_CERT_AUTHORITY_INVALID⟫ auf ⟪intranet.muster.local⟫.
Mobil:⟦phone|0151 23456789⟧`,
    resolution: `Stammzertifikat ⟪Muster Root CA G2⟫ fehlte nach Neuinstallation, per GPO nachverteilt.`,
    note: `Kollege ⟦name-context|Björn Aasen⟧ hat denselben Fehler, gleiche Lösung.`,
  },
  {
    lang: 'en',
    title: 'Citrix session freezes when printing',
    caller: 'Aisha Bello',
    agent: 'Paweł Nowak',
    problem: `Dear IT,
my ⟪Citrix Workspace 2402⟫ session freezes as soon as I print. Event ⟪1000 ctxgfx.exe⟫.
Kind regards
⟦name-field|A. Bello⟧`,
    resolution: `Forced the ⟪Citrix Universal Print Driver⟫ in the policy; printing works without freeze.`,
  },
  {
    lang: 'de',
    title: 'WLAN „Muster-Corp“ verbindet nicht',
    caller: 'Dominik Wójcik',
    agent: 'Aylin Demir',
    problem: `Weitergeleitete Nachricht:
Von: ⟦name-context|Jasmin Brandt⟧
Gesendet: Dienstag, 3. November 2026 08:12
An: Servicedesk
Betreff: WLAN

Unser Besprechungsraum-Laptop kommt nicht ins WLAN ⟪Muster-Corp⟫ (⟪802.1X⟫, ⟪EAP-TLS⟫).`,
    resolution: `Gerätezertifikat abgelaufen; Intune-SCEP-Profil neu zugewiesen, Verbindung steht.`,
  },
  {
    lang: 'en',
    title: 'Password in clear text in Jira comment',
    caller: 'Grace Kim',
    agent: 'Lukas Hoffmann',
    problem: `I accidentally wrote my new password is ⟦password|Tulip-Garden-42⟧ in ⟪ITSD-5120⟫. Please remove it.`,
    resolution: `Comment deleted from ⟪ITSD-5120⟫, user changed the password again.`,
  },
  {
    lang: 'de',
    title: 'Adobe Acrobat stürzt beim Signieren ab',
    caller: 'Francesca Romano',
    agent: 'Jonas Becker',
    problem: `⟪Adobe Acrobat Reader 2024.002⟫ stürzt beim digitalen Signieren ab. Ansprechpartnerin: ⟦name-context|Giulia Bianchi⟧, Durchwahl ⟦phone|7712⟧ hilft nicht.`,
    resolution: `Geschützter Modus für die Signatur-Erweiterung deaktiviert (⟪HKLM\\SOFTWARE\\Policies\\Adobe⟫), Absturz behoben.`,
  },
  {
    lang: 'en',
    title: 'OneDrive sync stuck with 0x8004de40',
    caller: 'Noah Schneider',
    agent: 'Mehmet Yılmaz',
    problem: `${NFD('⟦name-field|Noah Schneider⟧')} here, OneDrive (⟪OneDrive 24.201⟫) stuck, error ⟪0x8004de40⟫. My personnel number is ⟦employee-id|PN-008812⟧.`,
    resolution: `TLS 1.2 enabled in Internet Options and ⟪onedrive.exe /reset⟫ run; sync resumed.`,
  },
  {
    lang: 'de',
    title: 'Zeiterfassung nimmt Ausweis nicht an',
    caller: 'Zofia Kamińska',
    agent: 'Olaf Ost',
    problem: `Das Terminal am Eingang sagt "Ausweis unbekannt". Meine Ausweisnummer ist ⟦employee-id|004471⟧, Pers.-Nr. ⟦employee-id|31877⟧.
Gruß, ${'⟦name-field|Zo' + ZW + 'fia Kamińska⟧'}`,
    resolution: `Synchronisation Personalstamm → ⟪Terminal-Server ZE-01⟫ neu angestoßen; Ausweis wird erkannt.`,
  },
  {
    lang: 'en',
    title: 'Cannot open PDF from SharePoint in browser',
    caller: 'Olivia Turner',
    agent: 'Paweł Nowak',
    problem: `Hi there,
PDFs from ⟪SharePoint Online⟫ download instead of opening. Colleague ⟦name-context|Marcus Reid⟧ has the same. Call me at ⟦phone|+1 (415) 555-0132⟧.
Cheers,
⟦name-field|Liv Turner⟧`,
    resolution: `Site collection setting "Open documents in client applications" was on; switched to browser, ⟪Microsoft Edge 131⟫ opens them inline.`,
  },
  {
    lang: 'de',
    title: 'SAP GUI meldet „Verbindung zum Partner abgebrochen“',
    caller: 'Heinz-Peter Müller',
    agent: 'Sabine Schulz',
    problem: `SAP Logon bricht mit ⟪NiIRead: P=10.20.1.5:3200⟫ ab. Hinweis ⟪SAP-Hinweis 2578560⟫ haben wir geprüft. Bitte an ⟦name-field|H.-P. Mueller⟧ zurückmelden.`,
    resolution: `Firewall-Regel für ⟪Port 3200⟫ nach Umzug des Netzsegments ergänzt.`,
    note: `Erreichbar unter ⟦phone|+49 (0) 221 9876-5432⟧, Handy ⟦phone|0049 171 2233445⟧.`,
  },
  {
    lang: 'en',
    title: 'Laptop setup: local admin password',
    caller: 'Benjamin Clarke',
    agent: 'Mehmet Yılmaz',
    problem: `LAPS password for ⟪PC-LON-3310⟫ is not shown in the portal.`,
    resolution: `Device had no ⟪Windows LAPS⟫ policy. Assigned it; the password was set to ⟦password|Xq7!vR2#pL9m⟧ and rotates after use.`,
    note: `Spoke to ⟦name-field|Ben Clarke⟧ (⟦logon|bclarke⟧).`,
  },
  {
    lang: 'de',
    title: 'Monitor flackert an der Dockingstation',
    caller: 'Cem Kaya',
    agent: 'Olaf Ost',
    problem: `Der ⟪Dell U2723QE⟫ flackert am Dock ⟪HP USB-C Dock G5⟫.
Viele Grüße
⟦name-field|Cem⟧`,
    resolution: `DisplayPort-Kabel gegen zertifiziertes ⟪DP 1.4⟫-Kabel getauscht, Dock-Firmware ⟪1.0.18.0⟫. Flackern weg.`,
    note: `Rückmeldung von ⟦name-field|Kaya, Cem⟧: passt.`,
  },
  {
    lang: 'en',
    title: 'Expense tool shows wrong bank account',
    caller: 'Lucy Evans',
    agent: 'Sabine Schulz',
    problem: `The expense tool pays into ⟦iban|GB29 NWBK 6016 1331 9268 19⟧, my old account. New one: ⟦iban|PL61 1090 1014 0000 0712 1981 2874⟧.`,
    resolution: `Bank data is synced from HR nightly; HR corrected the master record, sync ran, ⟪Concur⟫ shows the new account.`,
  },
  {
    lang: 'de',
    title: 'Teams-Hintergrund lässt sich nicht ändern',
    caller: 'Mia Wagner',
    agent: 'Jonas Becker',
    problem: `Liebe Kolleginnen und Kollegen,
in ⟪Teams (neu) 24215⟫ kann ich keinen Hintergrund hochladen.
Beste Grüße
⟦name-field|Mia Wagner⟧
--
⟦name-field|Mia Wagner⟧ | Marketing | ⟦phone|+49 30 1234 5566⟧`,
    resolution: `Richtlinie ⟪CsTeamsMeetingPolicy⟫ erlaubte nur Unschärfe; auf "AllFilters" geändert.`,
  },
  {
    lang: 'en',
    title: 'Zoom client crashes on start',
    caller: 'Kwame Mensah',
    agent: 'Paweł Nowak',
    problem: `⟪Zoom 6.2.5⟫ crashes on start with ⟪0xc0000005⟫. Please contact ⟦name-field|Mensah, Kwame⟧ or my assistant, contact person: ⟦name-context|Rebecca Lowe⟧.`,
    resolution: `Conflicting ⟪Nahimic⟫ audio service disabled; Zoom starts.`,
  },
  {
    lang: 'de',
    title: 'Kennwort läuft ständig ab',
    caller: 'Ewa Nowicka',
    agent: 'Aylin Demir',
    problem: `Mein Kennwort ist abgelaufen, obwohl ich es letzte Woche geändert habe. ⟪Kennwort zurücksetzen⟫ über ⟪SSPR⟫ klappt nicht.
Meine Anmeldekennung lautet ⟦logon|enowicka⟧.`,
    resolution: `Fine-Grained Password Policy ⟪PSO-Service⟫ war fälschlich zugewiesen. Entfernt; Ablauf wieder 90 Tage.`,
    note: `Frau ⟦name-field|Nowicka⟧ informiert.`,
  },
  {
    lang: 'en',
    title: 'VPN profile missing after Intune enrollment',
    caller: 'Samuel Okafor',
    agent: 'Aylin Demir',
    problem: `After enrolling in ⟪Intune⟫ the ⟪GlobalProtect 6.1⟫ profile is missing. Requested by ⟦name-context|Deborah Mills⟧ (my boss).`,
    resolution: `Device was in the wrong dynamic group (⟪DG-Win-Corp⟫ rule used the old OU). Rule fixed; profile arrived within 20 minutes.`,
  },
  {
    lang: 'de',
    title: 'Kalenderfreigabe für Assistenz geht nicht',
    caller: 'Wolfgang Hofmann',
    agent: 'Jonas Becker',
    problem: `Die Assistenz ⟦name-context|Frau Petra Lindemann⟧ sieht meinen Kalender nicht.
i. A. ⟦name-context|Petra Lindemann⟧`,
    resolution: `Stellvertretung in ⟪Outlook (classic)⟫ neu eingerichtet, Berechtigung "Bearbeiter" gesetzt.`,
  },
  {
    lang: 'en',
    title: 'Account lockout from old phone',
    caller: 'Jessica Hughes',
    agent: 'Mehmet Yılmaz',
    problem: `My account keeps locking. Logon name: ⟦logon|jhughes⟧. Event ⟪4740⟫ on ⟪DC02⟫ shows caller computer ⟪iPhone-alt⟫.`,
    resolution: `Old phone still had the mail profile with the old password; removed the ActiveSync partnership in ⟪Exchange Admin Center⟫.`,
  },
  {
    lang: 'de',
    title: 'Dockingstation lädt Laptop nicht',
    caller: 'Greta Grün',
    agent: 'Olaf Ost',
    problem: `<p>Der Laptop lädt an der USB-C-Dockingstation nicht, Akku sinkt.</p><p>${'⟦name-field|Greta Grün⟧'}, Durchwahl ⟦phone|0221 98765432⟧</p>`,
    resolution: `<p>Dock-Firmware auf ⟪1.0.30⟫ aktualisiert und &quot;USB-C Power Delivery&quot; im BIOS aktiviert.</p>`,
  },
  {
    lang: 'en',
    title: 'Webex does not detect headset',
    caller: 'Isabella Rossi',
    agent: 'Paweł Nowak',
    problem: `Good morning ⟦name-field|Paweł⟧,
⟪Webex 44.8⟫ doesn't see my ⟪Jabra Evolve2 65⟫. Best, ⟦name-field|Isabella⟧`,
    resolution: `Jabra Direct updated to ⟪6.17⟫ and Webex set to use "Jabra Link 380"; headset detected.`,
  },
  {
    lang: 'de',
    title: 'Lizenz für Visio fehlt',
    caller: 'Tobias Lehmann',
    agent: 'Sabine Schulz',
    problem: `Für ⟪Visio Plan 2⟫ fehlt die Lizenz. Kostenstelle ⟪4711⟫. Genehmigt von meinem Chef ⟦name-context|Herrn Dr. Albrecht Kühn⟧.`,
    resolution: `Lizenzgruppe ⟪LIC-Visio-P2⟫ zugewiesen, Aktivierung nach Neuanmeldung erfolgreich.`,
    note: `Benutzername ⟦logon|tlehmann⟧ in Gruppe aufgenommen.`,
  },
  {
    lang: 'en',
    title: 'Cannot reach file share over VPN',
    caller: 'Yusuf Arslan',
    agent: 'Aylin Demir',
    problem: `Over VPN ⟪\\\\srv-fs01.muster.local\\projects⟫ gives ⟪0x80070035⟫. I'm user ⟦logon|MUSTER\\yarslan⟧.
Thanks ⟦name-field|Yusuf⟧`,
    resolution: `DNS suffix search list was missing in the VPN profile; added ⟪muster.local⟫.`,
  },
  {
    lang: 'de',
    title: 'Passwort für Testkonto im Ticket',
    caller: 'Nina Schäfer',
    agent: 'Lukas Hoffmann',
    problem: `Für die Abnahme: Benutzer test.abnahme, das Kennwort ist ⟦password|Abnahme!2026⟧. Bitte prüfen, warum ⟪Fehler 0x800ccc0e⟫ kommt.`,
    resolution: `SMTP-Port im Testclient von 25 auf ⟪587⟫ umgestellt, STARTTLS aktiv.`,
  },
  {
    lang: 'en',
    title: 'Monitor shows no signal after Windows update',
    caller: 'Matthew Price',
    agent: 'Olaf Ost',
    problem: `After ⟪KB5034441⟫ the external monitor shows no signal. Escalated by ⟦name-context|Hazel Morgan⟧ from the service desk.`,
    resolution: `Rolled back the ⟪Intel Graphics 31.0.101.5186⟫ driver; blocked it in ⟪Windows Update for Business⟫ until the fix.`,
  },
  {
    lang: 'de',
    title: 'Freigabe auf Projektordner fehlt',
    caller: 'Merve Çelik',
    agent: 'Olaf Ost',
    problem: `Ich brauche Zugriff auf ⟪P:\\Projekte\\2026⟫.
Mein Vorgesetzter ist ⟦name-context|Markus Brenner⟧.
Danke
⟦name-field|Merve Celik⟧`,
    resolution: `Berechtigung über ⟪IdM-Antrag REQ0042315⟫ erteilt.`,
  },
  {
    lang: 'en',
    title: 'Mail to partner bounces with 550 5.7.1',
    caller: 'Charlotte Davies',
    agent: 'Paweł Nowak',
    problem: `Mail to the partner domain bounces: ⟪550 5.7.1 Unable to relay⟫. Please reply to ⟦email|charlotte.davies@muster.example⟧ or text ⟦phone|+44 7700 900456⟧.`,
    resolution: `Partner had our outbound IP ⟪203.0.113.25⟫ on a block list; they removed it, mails delivered.`,
  },
  {
    lang: 'de',
    title: 'Notebook sehr langsam nach Virenscanner-Update',
    caller: 'Hans-Jürgen Krause',
    agent: 'Jonas Becker',
    problem: `Seit dem Update von ⟪Microsoft Defender⟫ ist das Notebook extrem langsam, ⟪MsMpEng.exe⟫ 90 % CPU.
Gruß, ${NFD('⟦name-field|Hans-Jürgen Krause⟧')}`,
    resolution: `Ausschluss für ⟪C:\\ProgramData\\MusterERP\\cache⟫ per Intune ergänzt.`,
  },
  {
    lang: 'en',
    title: 'Cannot print from SAP to new printer',
    caller: 'Ahmet Şahin',
    agent: 'Sabine Schulz',
    problem: `Output device ⟪ZPRN01⟫ in ⟪SPAD⟫ points to the old queue. My SAP user is ⟦logon|ASAHIN01⟧.`,
    resolution: `Device redefined with access method U on ⟪print01.muster.local⟫, test page OK. See ⟪CHG0031337⟫.`,
    note: `Hello ⟦name-field|Ahmet⟧, please try again. – ⟦name-field|Sabine⟧`,
  },
  {
    lang: 'de',
    title: 'Authenticator-App auf neuem Handy einrichten',
    caller: 'Lena Bauer',
    agent: 'Aylin Demir',
    problem: `Neues Handy, die Authenticator-App fragt nach dem alten Gerät. Handynummer ⟦phone|0176/98765432⟧.`,
    resolution: `Methode im ⟪Entra ID⟫-Portal zurückgesetzt, temporärer Zugriffspass erstellt. Der TAP war ⟦password|K7m#Qw2!⟧ (60 Minuten gültig).`,
  },
];

/**
 * Further comments as agents and callers write them, one appended to each scene's journal in turn
 * (names here are not in any person field).
 */
export const EXTRA_NOTES: string[] = [
  'Rückruf von ⟦name-context|Frau Schwarzenberger⟧ aus der Buchhaltung, sie hat das gleiche Problem auf ⟪PC-HAM-0107⟫.',
  'Per Telefon mit ⟦name-context|Herrn Yılmaz⟧ abgestimmt, Neustart um 12:00.',
  'Customer’s deputy ⟦name-context|Ms. Okonkwo⟧ approved the change.',
  'Gemeldet von ⟦name-context|Dariusz Kaczmarek⟧ (Lager), ⟪Zebra DS2208⟫ betroffen.',
  'User called from ⟦phone|+49 160 98765432⟧ because the desk phone ⟪Cisco 8845⟫ was down.',
  'Die Kollegin ⟦name-context|Elif Korkmaz⟧ meldet dasselbe seit ⟪Version 3.2.1⟫.',
  'Sent the steps to ⟦email|m.brandt@partner-firma.de⟧ as requested.',
  'Alte Personalnummer ⟦employee-id|P-556677⟧ im AD-Attribut ⟪employeeID⟫ korrigiert.',
  'Konto ⟦logon|MUSTER\\a.nowak⟧ aus der Gruppe ⟪GG-VPN-Users⟫ entfernt und neu hinzugefügt.',
  'Handed over to ⟦name-context|Siobhan Kelly⟧ for the vendor call (case ⟪SR 2411-0098⟫).',
  'Mobil: ⟦phone|+43 664 1234567⟧ (Österreich), bitte nur bis 16 Uhr.',
  'IBAN für die Erstattung: ⟦iban|AT61 1904 3002 3457 3201⟧.',
  'Bitte an ⟦name-context|Frau Dr. Weidenfeller⟧ weiterleiten, sie genehmigt Admin-Rechte.',
  'Her manager is ⟦name-context|Graham Whitaker⟧; he asked for priority.',
  'Neues Kennwort: ⟦password|Fruehling#2027⟧ – Benutzer muss es bei Anmeldung ändern.',
  'The password is ⟦password|correct-horse-battery-9⟧ per the user, changed afterwards.',
  'API key for the printer portal: ⟦token|sk_live_51HqLyjWDarjtT1zdp7dcXXYYZZ00aa⟧ (revoked).',
  'Token ⟦token|github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEF⟧ im Skript gefunden und widerrufen.',
  'Wiederherstellungsschlüssel ⟦bitlocker|6600-1122-3344-5566-7788-9900-1122-3344-5566-7788-9900-1234⟧ durchgegeben.',
  'Tel. ⟦phone|030 12345678⟧ ist die private Nummer, nicht anrufen.',
  '⟦name-context|Kübra Doğan⟧ via Servicedesk: Drucker wieder ok.',
  'Betreff: AW: Ticket ⟪INC0042311⟫\nVon: ⟦name-context|Lorenz Bachmann⟧\nAn: ⟦name-context|Ines Hartwig⟧',
  'Thanks ⟦name-context|Oluwaseun⟧, that fixed it!',
  'Laut ⟦name-context|Herrn Brzęczyszczykiewicz⟧ tritt es nur im ⟪Gebäude B⟫ auf.',
  'Employee no. ⟦employee-id|100234⟧ has two AD accounts; merged.',
  'sAMAccountName ⟦logon|mschulte⟧ was renamed, UPN ⟦email|mareike.schulte@muster.de⟧ updated.',
  'Hallo ⟦name-context|Thorsten⟧,\nbitte einmal ⟪gpupdate /force⟫ ausführen.',
  'Dear ⟦name-context|Mrs Abernathy⟧, the replacement is ready.',
  'Cześć ⟦name-context|Marek⟧, sprawdź proszę ⟪Outlook⟫.',
  'Merhaba ⟦name-context|Burak⟧, ⟪Teams⟫ güncellendi.',
  'Telefonnummer des Kunden: ⟦phone|+90 532 123 45 67⟧.',
  'Stellvertretung: ⟦name-context|Herr Großkopf⟧ (bis 30.11.).',
  'Logged in as ⟦logon|CORP\\jsmith⟧ on ⟪SRV-APP12⟫ to check the service.',
  'Bitte ⟦name-context|Frau Wójcik-Nowak⟧ Bescheid geben.',
  'Password reset to ⟦password|Autumn!Leaves55⟧ and sent by SMS.',
  'Der WLAN-Schlüssel lautet ⟦password|Gast-WLAN-2026!⟧ (Gäste), bitte nicht weitergeben.',
  'Mit besten Grüßen\n⟦name-context|Friederike Oberländer⟧\nIT-Koordination',
  'Regards,\n⟦name-context|Declan Fitzgerald⟧\nFacilities',
  'Von: ⟦name-context|Schäfer, Nina⟧ Gesendet: Mittwoch, 4. November 2026 10:02 An: Servicedesk Betreff: ⟪Excel⟫',
  'Reported by ⟦name-context|Ngozi Adeyemi⟧ during the night shift.',
];
