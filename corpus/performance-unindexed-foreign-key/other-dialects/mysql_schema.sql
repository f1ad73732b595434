-- A MySQL dump that Postgres rejects: tree-sitter-sql reads its tables. InnoDB indexes every
-- foreign key itself, so none of these are reported.
CREATE TABLE `properties` (
  `id` int NOT NULL AUTO_INCREMENT,
  `name` varchar(200) NOT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB;

CREATE TABLE `leads` (
  `id` int NOT NULL AUTO_INCREMENT,
  `property_id` int NOT NULL,
  PRIMARY KEY (`id`),
  KEY `idx_property` (`property_id`),
  -- ok: performance-unindexed-foreign-key
  CONSTRAINT `fk_leads_property` FOREIGN KEY (`property_id`) REFERENCES `properties` (`id`)
) ENGINE=InnoDB;
