-- The retail data sources behind the coordinator's gather agents (H2 and PostgreSQL).
-- A real ERP, WMS or TMS adapter replaces the JDBC source that reads a table group.
CREATE TABLE IF NOT EXISTS retail_product (
  id VARCHAR(64) PRIMARY KEY, name VARCHAR(200) NOT NULL, holding_cost DOUBLE PRECISION NOT NULL,
  list_price DOUBLE PRECISION NOT NULL, elasticity DOUBLE PRECISION NOT NULL, market_price DOUBLE PRECISION);
CREATE TABLE IF NOT EXISTS retail_store (id VARCHAR(64) PRIMARY KEY, name VARCHAR(200) NOT NULL);
CREATE TABLE IF NOT EXISTS retail_warehouse (
  id VARCHAR(64) PRIMARY KEY, capacity DOUBLE PRECISION, automated BOOLEAN NOT NULL);
CREATE TABLE IF NOT EXISTS retail_stock (
  warehouse VARCHAR(64) NOT NULL, product VARCHAR(64) NOT NULL, quantity DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (warehouse, product));
CREATE TABLE IF NOT EXISTS retail_sales_history (
  store VARCHAR(64) NOT NULL, product VARCHAR(64) NOT NULL, month_index INTEGER NOT NULL,
  units DOUBLE PRECISION NOT NULL, PRIMARY KEY (store, product, month_index));
CREATE TABLE IF NOT EXISTS retail_open_order (
  id VARCHAR(64) PRIMARY KEY, store VARCHAR(64) NOT NULL, product VARCHAR(64) NOT NULL, period INTEGER NOT NULL,
  quantity DOUBLE PRECISION NOT NULL, price DOUBLE PRECISION NOT NULL, penalty_per_unit DOUBLE PRECISION NOT NULL);
CREATE TABLE IF NOT EXISTS retail_supplier (
  id VARCHAR(64) PRIMARY KEY, name VARCHAR(200) NOT NULL, email VARCHAR(200) NOT NULL, is_external BOOLEAN NOT NULL);
CREATE TABLE IF NOT EXISTS retail_supply_offer (
  id VARCHAR(64) PRIMARY KEY, supplier VARCHAR(64) NOT NULL, product VARCHAR(64) NOT NULL,
  warehouse VARCHAR(64) NOT NULL, unit_cost DOUBLE PRECISION NOT NULL, lead_time INTEGER NOT NULL,
  max_per_period DOUBLE PRECISION, co2_per_unit DOUBLE PRECISION NOT NULL);
CREATE TABLE IF NOT EXISTS retail_carrier (
  id VARCHAR(64) PRIMARY KEY, capacity_per_period DOUBLE PRECISION NOT NULL,
  fixed_cost_per_period DOUBLE PRECISION NOT NULL, is_external BOOLEAN NOT NULL);
CREATE TABLE IF NOT EXISTS retail_lane (
  warehouse VARCHAR(64) NOT NULL, store VARCHAR(64) NOT NULL, carrier VARCHAR(64) NOT NULL,
  cost_per_unit DOUBLE PRECISION NOT NULL, co2_per_unit DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (warehouse, store, carrier));
CREATE TABLE IF NOT EXISTS retail_policy (
  name VARCHAR(64) PRIMARY KEY, kind VARCHAR(40) NOT NULL, subject VARCHAR(64), amount DOUBLE PRECISION NOT NULL);
CREATE TABLE IF NOT EXISTS retail_pnl_line (
  line VARCHAR(64) PRIMARY KEY, kind VARCHAR(10) NOT NULL, basis VARCHAR(20) NOT NULL, rate DOUBLE PRECISION NOT NULL);
