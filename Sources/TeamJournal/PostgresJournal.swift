import Checkout
import Crypto
import PostgresNIO
