package com.diggety.demo;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import com.diggety.stands.OpeningHours;

/**
 * Fifty real places in Kraków where a hot-dog stand makes sense, with hours that fit each kind of place.
 */
final class Krakow {

	enum Kind {
		OLD_TOWN, NIGHTLIFE, STATION, CAMPUS, PARK, VENUE, MALL, DISTRICT
	}

	record Place(String name, String placeName, double latitude, double longitude, Kind kind) {
	}

	static final List<Place> PLACES = List.of(
			new Place("Rynek Główny", "Rynek Główny, przy Sukiennicach", 50.0617, 19.9373, Kind.OLD_TOWN),
			new Place("Barbakan", "Planty przy Barbakanie", 50.0655, 19.9417, Kind.OLD_TOWN),
			new Place("Wawel", "Bulwar Czerwieński pod Wawelem", 50.0540, 19.9340, Kind.PARK),
			new Place("Plac Nowy", "Plac Nowy, Kazimierz", 50.0516, 19.9449, Kind.NIGHTLIFE),
			new Place("Kraków Główny", "Dworzec Kraków Główny, wyjście na perony", 50.0677, 19.9474, Kind.STATION),
			new Place("Rondo Mogilskie", "Rondo Mogilskie, przystanek tramwajowy", 50.0656, 19.9600, Kind.DISTRICT),
			new Place("Błonia", "Błonia, wejście od Alei 3 Maja", 50.0601, 19.9120, Kind.PARK),
			new Place("Park Jordana", "Park Jordana, brama główna", 50.0625, 19.9171, Kind.PARK),
			new Place("Miasteczko AGH", "Miasteczko Studenckie AGH, ul. Budryka", 50.0689, 19.9045, Kind.CAMPUS),
			new Place("Kampus UJ", "Kampus 600-lecia UJ, ul. Łojasiewicza", 50.0280, 19.9040, Kind.CAMPUS),
			new Place("Politechnika", "Politechnika Krakowska, ul. Warszawska", 50.0714, 19.9430, Kind.CAMPUS),
			new Place("Uniwersytet Ekonomiczny", "UEK, ul. Rakowicka", 50.0686, 19.9548, Kind.CAMPUS),
			new Place("Plac Bohaterów Getta", "Plac Bohaterów Getta, Podgórze", 50.0465, 19.9543, Kind.DISTRICT),
			new Place("Zabłocie", "MOCAK, ul. Lipowa", 50.0476, 19.9613, Kind.DISTRICT),
			new Place("Rynek Podgórski", "Rynek Podgórski", 50.0450, 19.9500, Kind.DISTRICT),
			new Place("Kopiec Kościuszki", "Kopiec Kościuszki, parking", 50.0549, 19.8935, Kind.PARK),
			new Place("Tauron Arena", "Tauron Arena, wejście główne", 50.0677, 19.9914, Kind.VENUE),
			new Place("Stadion Wisły", "Stadion Miejski im. H. Reymana", 50.0636, 19.9122, Kind.VENUE),
			new Place("Stadion Cracovii", "Stadion Cracovii, ul. Kałuży", 50.0576, 19.9202, Kind.VENUE),
			new Place("Kładka Bernatka", "Bulwar Kurlandzki przy kładce Bernatka", 50.0490, 19.9470, Kind.PARK),
			new Place("Park Bednarskiego", "Park Bednarskiego, Podgórze", 50.0430, 19.9480, Kind.PARK),
			new Place("Łagiewniki", "Sanktuarium Bożego Miłosierdzia", 50.0193, 19.9300, Kind.DISTRICT),
			new Place("Plac Centralny", "Plac Centralny, Nowa Huta", 50.0718, 20.0379, Kind.DISTRICT),
			new Place("Zalew Nowohucki", "Zalew Nowohucki, plaża", 50.0770, 20.0335, Kind.PARK),
			new Place("Park Krakowski", "Park Krakowski, al. Słowackiego", 50.0702, 19.9280, Kind.PARK),
			new Place("Muzeum Narodowe", "Muzeum Narodowe, al. 3 Maja", 50.0600, 19.9240, Kind.OLD_TOWN),
			new Place("Plac Wolnica", "Plac Wolnica, Kazimierz", 50.0489, 19.9426, Kind.NIGHTLIFE),
			new Place("Zakrzówek", "Park Zakrzówek, wejście od ul. Wyłom", 50.0377, 19.9132, Kind.PARK),
			new Place("Dworzec Płaszów", "Stacja Kraków Płaszów", 50.0335, 19.9705, Kind.STATION),
			new Place("Bonarka", "Bonarka City Center, wejście od ul. Kamieńskiego", 50.0290, 19.9520, Kind.MALL),
			new Place("Galeria Kazimierz", "Galeria Kazimierz, ul. Podgórska", 50.0535, 19.9560, Kind.MALL),
			new Place("Park Lotników", "Park Lotników Polskich, Czyżyny", 50.0770, 19.9950, Kind.PARK),
			new Place("Ogród Botaniczny", "Ogród Botaniczny UJ, ul. Kopernika", 50.0633, 19.9560, Kind.PARK),
			new Place("Plac Inwalidów", "Plac Inwalidów", 50.0700, 19.9250, Kind.DISTRICT),
			new Place("Krowodrza Górka", "Pętla Krowodrza Górka", 50.0880, 19.9300, Kind.STATION),
			new Place("Bronowice", "Rondo Ofiar Katynia, Bronowice", 50.0815, 19.8890, Kind.DISTRICT),
			new Place("Kurdwanów", "Pętla Kurdwanów P+R", 50.0110, 19.9600, Kind.STATION),
			new Place("Prokocim", "Szpital Uniwersytecki, Prokocim", 50.0140, 19.9980, Kind.DISTRICT),
			new Place("ICE Kraków", "ICE Kraków, ul. Konopnickiej", 50.0475, 19.9290, Kind.VENUE),
			new Place("Mały Rynek", "Mały Rynek", 50.0613, 19.9400, Kind.OLD_TOWN),
			new Place("Stary Kleparz", "Targ Stary Kleparz", 50.0680, 19.9390, Kind.OLD_TOWN),
			new Place("Plac Szczepański", "Plac Szczepański", 50.0640, 19.9360, Kind.OLD_TOWN),
			new Place("Collegium Novum", "Collegium Novum UJ, ul. Gołębia", 50.0610, 19.9330, Kind.CAMPUS),
			new Place("Aleja Róż", "Aleja Róż, Nowa Huta", 50.0730, 20.0360, Kind.DISTRICT),
			new Place("Kraków Łobzów", "Stacja Kraków Łobzów", 50.0810, 19.9170, Kind.STATION),
			new Place("Tyniec", "Opactwo Benedyktynów w Tyńcu", 50.0200, 19.8200, Kind.PARK),
			new Place("Zoo", "Ogród Zoologiczny, Las Wolski", 50.0540, 19.8500, Kind.PARK),
			new Place("Wola Justowska", "Wola Justowska, al. Kasztanowa", 50.0600, 19.8700, Kind.DISTRICT),
			new Place("Ulica Szeroka", "Ulica Szeroka, Kazimierz", 50.0530, 19.9480, Kind.NIGHTLIFE),
			new Place("Park Wodny", "Park Wodny, ul. Dobrego Pasterza", 50.0900, 19.9770, Kind.VENUE));

	private Krakow() {
	}

	static OpeningHours hoursFor(Kind kind) {
		var weekly = new ArrayList<OpeningHours.Weekly>();
		switch (kind) {
			case OLD_TOWN -> everyDay(weekly, "10:00", "22:00");
			case NIGHTLIFE -> {
				for (var day : DayOfWeek.values()) {
					boolean late = day == DayOfWeek.FRIDAY || day == DayOfWeek.SATURDAY;
					weekly.add(new OpeningHours.Weekly(day, LocalTime.parse("12:00"),
							LocalTime.parse(late ? "03:00" : "00:00")));
				}
			}
			case STATION -> everyDay(weekly, "06:30", "21:00");
			case CAMPUS -> {
				for (var day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
						DayOfWeek.FRIDAY)) {
					weekly.add(new OpeningHours.Weekly(day, LocalTime.parse("08:00"), LocalTime.parse("18:00")));
				}
			}
			case PARK -> everyDay(weekly, "11:00", "20:00");
			case VENUE -> {
				for (var day : List.of(DayOfWeek.THURSDAY, DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY)) {
					weekly.add(new OpeningHours.Weekly(day, LocalTime.parse("15:00"), LocalTime.parse("23:00")));
				}
			}
			case MALL -> everyDay(weekly, "09:00", "21:00");
			case DISTRICT -> {
				for (var day : DayOfWeek.values()) {
					boolean sunday = day == DayOfWeek.SUNDAY;
					weekly.add(new OpeningHours.Weekly(day, LocalTime.parse(sunday ? "11:00" : "09:00"),
							LocalTime.parse(sunday ? "18:00" : "20:00")));
				}
			}
		}
		return new OpeningHours(weekly, List.of());
	}

	private static void everyDay(List<OpeningHours.Weekly> weekly, String opens, String closes) {
		for (var day : DayOfWeek.values()) {
			weekly.add(new OpeningHours.Weekly(day, LocalTime.parse(opens), LocalTime.parse(closes)));
		}
	}
}
