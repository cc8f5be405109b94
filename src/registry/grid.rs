//! A tile-grid map of the 34 provinces in force: one square each, roughly
//! in its geographic place, north at the top. Vietnam is tall and thin, so
//! the grid is 16 rows by 6 columns: the wide north takes four or five
//! columns, the coast one, the Mekong delta spreads west again. Placed by
//! hand (a tile map trades accuracy for equal-sized, clickable squares);
//! the tests check every province is placed once and no two share a cell.

use super::{registry, Unit};

/// (code, row, col); row 0 is the north.
const TILES: &[(&str, u8, u8)] = &[
    // Northern mountains.
    ("12", 0, 2), // Lai Châu
    ("15", 0, 3), // Lào Cai
    ("08", 0, 4), // Tuyên Quang
    ("04", 0, 5), // Cao Bằng
    ("11", 1, 1), // Điện Biên
    ("14", 1, 2), // Sơn La
    ("25", 1, 3), // Phú Thọ
    ("19", 1, 4), // Thái Nguyên
    ("20", 1, 5), // Lạng Sơn
    // Red River delta.
    ("01", 2, 3), // Hà Nội
    ("24", 2, 4), // Bắc Ninh
    ("22", 2, 5), // Quảng Ninh
    ("38", 3, 2), // Thanh Hóa
    ("37", 3, 3), // Ninh Bình
    ("33", 3, 4), // Hưng Yên
    ("31", 3, 5), // Hải Phòng
    // North Central coast.
    ("40", 4, 2), // Nghệ An
    ("42", 5, 3), // Hà Tĩnh
    ("44", 6, 3), // Quảng Trị
    ("46", 7, 4), // Huế
    ("48", 8, 4), // Đà Nẵng
    // South Central coast and Central Highlands.
    ("51", 9, 4),  // Quảng Ngãi
    ("52", 10, 4), // Gia Lai
    ("66", 11, 4), // Đắk Lắk
    ("68", 12, 3), // Lâm Đồng
    ("56", 12, 4), // Khánh Hòa
    // South East.
    ("80", 13, 1), // Tây Ninh
    ("75", 13, 2), // Đồng Nai
    ("79", 14, 2), // Hồ Chí Minh
    // Mekong delta.
    ("91", 14, 0), // An Giang
    ("82", 14, 1), // Đồng Tháp
    ("96", 15, 0), // Cà Mau
    ("92", 15, 1), // Cần Thơ
    ("86", 15, 2), // Vĩnh Long
];

/// Grid size: rows, columns.
pub const GRID_SIZE: (u8, u8) = (16, 6);

/// One province's square on the tile-grid map.
#[derive(Debug, Clone, Copy)]
pub struct Tile {
    pub unit: &'static Unit,
    pub row: u8,
    pub col: u8,
}

/// The 34 provinces in force on a tile-grid map of Vietnam
/// ([`GRID_SIZE`] cells, north at row 0), in north-to-south order.
pub fn tile_grid() -> Vec<Tile> {
    let r = registry();
    TILES
        .iter()
        .map(|&(code, row, col)| Tile {
            unit: r
                .current
                .get(code)
                .map(|&i| &r.units[i])
                .expect("tile codes are provinces in force"),
            row,
            col,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::Level;
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_province_in_force_has_exactly_one_tile() {
        let tiles = tile_grid();
        let placed: Vec<&str> = tiles.iter().map(|t| t.unit.code).collect();
        let unique: HashSet<&str> = placed.iter().copied().collect();
        assert_eq!(placed.len(), unique.len(), "a province placed twice");
        let provinces: HashSet<&str> = registry()
            .provinces_in_force()
            .iter()
            .map(|u| u.code)
            .collect();
        assert_eq!(unique, provinces);
        assert!(tiles.iter().all(|t| t.unit.level == Level::Tinh));
    }

    #[test]
    fn no_two_tiles_share_a_cell_and_all_fit_the_grid() {
        let tiles = tile_grid();
        let cells: HashSet<(u8, u8)> = tiles.iter().map(|t| (t.row, t.col)).collect();
        assert_eq!(cells.len(), tiles.len());
        assert!(tiles
            .iter()
            .all(|t| t.row < GRID_SIZE.0 && t.col < GRID_SIZE.1));
        // Roughly geographic: Hà Nội north of Huế north of Hồ Chí Minh.
        let row = |code: &str| tiles.iter().find(|t| t.unit.code == code).unwrap().row;
        assert!(row("01") < row("46") && row("46") < row("79"));
    }
}
