"""Verbs typed by their object or subject: the tables ``plover`` parses.

Each line is ``verb TYPE mode weight: word, word`` (mode ``-`` for none, TYPE
``NONE`` for no event, object ``*`` for any object and ``-`` for none). Object
rules are stated for classes of object, never for one sentence ("lifted
sanctions" RETREAT, "released a statement" nothing); subject rules type a verb
by who does it ("protesters stormed…" PROTEST, "workers will strike" PROTEST).
"""

OBJECT_SPEC = """
lodge ACCUSE disapprove 0.8: protest
file ACCUSE disapprove 0.8: protest
declare CONCEDE - 0.8: ceasefire, cease-fire, truce
announce CONCEDE - 0.8: ceasefire, cease-fire
declare THREATEN violence 0.7: war
join COOPERATE - 0.8: force
reach AGREE - 0.85: ceasefire, cease-fire
sign AGREE - 0.85: ceasefire, cease-fire
press ACCUSE allege 0.85: charge
bring ACCUSE allege 0.85: charge
issue REQUEST - 0.8: call
open ASSAULT firearms 0.9: fire
withdraw SANCTION withdraw 0.8: ambassador, envoy, diplomat, aid, support, recognition, funding
withdraw SANCTION withdraw 0.8: observer, membership, peacekeeper, peacekeeping, inspector
withdraw SANCTION withdraw 0.8: monitor, mission, worker, staff
lift RETREAT - 0.8: sanction, embargo, blockade, boycott
ease RETREAT - 0.75: sanction, embargo, blockade
return RETREAT release 0.8: prisoner, hostage, captive, detainee, body, refugee
return RETREAT return 0.6: *
return NONE - 0: -
cut SANCTION sever 0.8: tie, relation, aid, funding, assistance, contact, link
cut COERCE withhold 0.75: power, water, electricity, supply, food, internet
cut NONE - 0: *
suspend CONCEDE - 0.75: strike, protest, boycott, demonstration
suspend SANCTION sever 0.8: talk, aid, relation, tie, cooperation, membership, negotiation, mission
halt RETREAT ceasefire 0.75: attack, offensive, fighting, bombing, hostility, operation
halt SANCTION sever 0.75: aid, talk, negotiation, cooperation, trade, shipment
close COERCE restrict 0.7: border, crossing, airspace, road, port, embassy, consulate
close COERCE censor 0.75: newspaper, station, channel, website, outlet
shut COERCE censor 0.75: newspaper, station, channel, website, outlet
shut COERCE restrict 0.7: border, crossing, airspace, road, port
block PROTEST obstruct 0.7: road, bridge, highway, street, entrance, railway, access, traffic
block REJECT - 0.7: resolution, bill, proposal, plan, motion, measure, deal
expel SANCTION expel 0.85: diplomat, ambassador, envoy, observer, inspector, peacekeeper, staff
expel COERCE deport 0.85: journalist, migrant, foreigner, national, refugee, worker, citizen
deny REJECT - 0.8: request, demand, appeal, application, bid
deny NONE - 0: *
prohibit SANCTION sever 0.75: aid, trade, import, export, flight
prohibit COERCE ban 0.6: *
strike AGREE - 0.85: deal, agreement, accord, bargain, pact
strike NONE - 0: -
fire ASSAULT heavy-weapons 0.8: missile, rocket, shell, mortar, round, salvo, projectile
fire ASSAULT firearms 0.8: shot, bullet, gun, bomb, grenade
fire NONE - 0: *
send MOBILIZE troops 0.75: troop, soldier, warship, force, tank, reinforcement, ship, jet
send AID - 0.8: aid, food, medicine, supply, relief, money, weapon, arm
send CONSULT visit 0.7: delegation, envoy, mission, emissary
occupy PROTEST obstruct 0.7: building, square, office, road, campus, factory, street, parliament
occupy COERCE seize 0.75: town, city, village, territory, land, region, area, island, country
occupy COERCE seize 0.75: province, border, base, hill, capital, zone, strip, bank, height
occupy NONE - 0: *
seize COERCE confiscate 0.8: property, asset, land, cargo, shipment, weapon, drug, ship, vessel
capture COERCE seize 0.75: town, city, village, territory, base, area, airport, hill, region
test MOBILIZE weapons 0.75: missile, weapon, bomb, device, rocket
order COERCE arrest 0.7: arrest, detention
order RETREAT release 0.7: release
order MOBILIZE troops 0.7: patrol, deployment, mobilization, troop, reinforcement, alert
order RETREAT withdraw 0.7: withdrawal, evacuation, pullout
grant AID asylum 0.85: asylum, refuge
grant CONCEDE - 0.8: amnesty, pardon, independence, right, autonomy, freedom, permission
grant AID economic 0.8: loan, aid, credit, money
violate ASSAULT - 0.75: ceasefire, cease-fire, truce, armistice
attack ACCUSE disapprove 0.7: policy, decision, plan, statement, remark, comment
establish SUPPORT - 0.8: relation, tie
restore SUPPORT - 0.8: relation, tie
resume SUPPORT - 0.8: relation, tie
hold ASSAULT abduct 0.8: hostage, captive
take ASSAULT abduct 0.85: hostage, captive
release NONE - 0: statement, report, video, data, figure, document, album, footage, photo
release NONE - 0: result, detail, study, survey, list, record, image, picture, information, plan
release NONE - 0: recording, film, clip, tape, audio, transcript, message, letter, song, book
meet CONCEDE - 0.75: demand, condition, requirement
meet NONE - 0: target, goal, need, criterion, deadline, standard, expectation, obligation
receive CONSULT visit 0.7: delegation, envoy, minister, president, leader, ambassador, visitor
receive CONSULT visit 0.7: counterpart
receive NONE - 0: *
share COOPERATE - 0.8: intelligence, information, data, technology, expertise, evidence
share NONE - 0: *
exchange RETREAT release 0.8: prisoner, captive, hostage, detainee
exchange ASSAULT firearms 0.8: fire, gunfire, shot
recall SANCTION withdraw 0.85: ambassador, envoy, diplomat
commit NONE - 0: crime, atrocity, murder, abuse, violation, fraud, massacre, offence, offense
seek NONE - 0: way, means, method, opportunity
seek NONE - 0: election, re-election, reelection, re, nomination, office, term, seat, vote
defend NONE - 0: town, city, village, position, territory, base, line, front, frontier, stronghold
defend NONE - 0: remains, capital, enclave, airport, bridge, hill, outpost, perimeter
ask NONE - 0: question
execute NONE - 0: plan, order, strategy, contract, program, programme, task, trade
deny NONE - 0: -
end SANCTION sever 0.8: talk, mediation, negotiation, cooperation, relation, tie, aid, contact
end CONCEDE - 0.8: strike, protest, boycott, demonstration, sit-in
end RETREAT ceasefire 0.75: war, fighting, hostility, offensive, occupation, siege, blockade
accept CONCEDE - 0.8: demand, condition, request, ultimatum
dismiss REJECT - 0.85: appeal, request, demand, proposal, offer, call, plan, idea, suggestion
open RETREAT access 0.75: border, bridge, crossing, road, airspace, port, corridor, route
yield NONE - 0: *
allow NONE - 0: -
demonstrate NONE - 0: *
"""

SUBJECT_SPEC = """
storm PROTEST demo 0.8: protester, demonstrator, activist, crowd, mob, student, suffragette
invade PROTEST demo 0.7: protester, demonstrator, activist, crowd, mob, fan, student
strike PROTEST strike-lim 0.7: worker, union, teacher, doctor, nurse, miner, driver, pilot, staff
strike PROTEST strike-lim 0.7: employee, docker, porter, trucker, farmer, student, lawyer, guard
strike ASSAULT - 0.6: army, military, force, troop, jet, warplane, drone, militant, rebel, navy
strike ASSAULT - 0.6: fighter, insurgent, militia, gunman, regime, aircraft, missile, soldier
"""
